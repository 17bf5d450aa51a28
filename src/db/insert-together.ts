import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db-type.ts';
import { prepared } from './prepared.ts';

/** Rows for one table (columns not given, or undefined, take their defaults). */
export interface TableRows<T extends PgTable = PgTable> {
  table: T;
  rows: T['$inferInsert'][];
  /** ON CONFLICT (target) DO NOTHING, for inserts made idempotent by a unique key. */
  conflictDoNothing?: PgColumn[];
}

type Prepared = { execute(values: Record<string, unknown>): Promise<unknown> };

/** Statement names by shape, shared by every handle: one name always means one statement text. */
const names = new Map<string, string>();

const placeholderName = (table: number, row: number, column: string) => `t${table}r${row}_${column}`;

/** A row's columns that have a value (undefined means the column's default, as in Drizzle). */
const given = (row: object) =>
  Object.keys(row).filter((c) => (row as Record<string, unknown>)[c] !== undefined);

const shapeOf = (inserts: TableRows[]) =>
  inserts
    .map(({ table, rows, conflictDoNothing }) => {
      const columns = rows.map((row) => given(row).join(',')).join('|');
      const conflict = conflictDoNothing ? `!${conflictDoNothing.map((c) => c.name).join(',')}` : '';
      return `${getTableName(table)}(${columns})${conflict}`;
    })
    .join(';');

type InsertBuilder = Pick<Db, 'insert'>;

/** The statement with a placeholder per value: the inserts but the last as CTEs w0, w1, … */
function build(db: Db, inserts: TableRows[], name: string): Prepared {
  const insertOn = (builder: InsertBuilder, { table, rows, conflictDoNothing }: TableRows, t: number) => {
    // A bare placeholder (SQL, not a value): Drizzle would run a column's encoder on a null and fail,
    // so values are encoded in insertTogether, where null stays null.
    const values = rows.map((row, r) =>
      Object.fromEntries(given(row).map((c) => [c, sql`${sql.placeholder(placeholderName(t, r, c))}`])),
    ) as Record<string, SQL>[];
    const insert = builder.insert(table).values(values);
    return conflictDoNothing ? insert.onConflictDoNothing({ target: conflictDoNothing }) : insert;
  };
  const lastIndex = inserts.length - 1;
  // Drizzle types $with(...).as() for selects; at run time any query with getSQL() is a CTE.
  const ctes = inserts
    .slice(0, lastIndex)
    .map((insert, t) => db.$with(`w${t}`).as(insertOn(db, insert, t) as never));
  const builder: InsertBuilder = ctes.length ? db.with(...ctes) : db;
  return insertOn(builder, inserts[lastIndex]!, lastIndex).returning().prepare(name);
}

/**
 * Inserts rows into several tables in ONE statement, the last table's insert returning its rows
 * (typed as that table's select): the others are data-modifying CTEs. One round trip instead of one
 * per table, and the statement is prepared once per shape (tables, columns, row counts) and per
 * handle, so a call only fills in values (issue 19: a new enquiry's eight inserts).
 *
 * PostgreSQL runs every sub-statement exactly once against the same snapshot, and checks foreign
 * keys and fires AFTER triggers when the statement ends, when all its rows exist. So rows may refer
 * to each other (ids made by the caller), but no insert may need to *read* another's row (a BEFORE
 * trigger would not see it). A single statement is atomic without a transaction.
 *
 * @param alongside inserts whose rows are not returned; tables with no rows are left out.
 * @param last the insert whose rows, as stored (database defaults and triggers applied), are returned.
 * @throws the database's error (a foreign key, a unique key): then nothing of the statement is written.
 */
export async function insertTogether<T extends PgTable>(
  db: Db,
  alongside: TableRows[],
  last: TableRows<T>,
): Promise<T['$inferSelect'][]> {
  const inserts = [...alongside.filter((i) => i.rows.length > 0), last as TableRows];
  const shape = shapeOf(inserts);
  let name = names.get(shape);
  if (!name) names.set(shape, (name = `insert_together_${names.size + 1}`));
  const statement = prepared(db, name, () => build(db, inserts, name!));
  const values: Record<string, unknown> = {};
  inserts.forEach(({ table, rows }, t) => {
    const columns = getTableColumns(table);
    rows.forEach((row, r) => {
      for (const c of given(row)) {
        const value = (row as Record<string, unknown>)[c];
        values[placeholderName(t, r, c)] = value === null ? null : columns[c]!.mapToDriverValue(value);
      }
    });
  });
  return (await statement.execute(values)) as T['$inferSelect'][];
}
