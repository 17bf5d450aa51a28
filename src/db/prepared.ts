import type { Db } from './db-type.ts';

const byHandle = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement built once per database handle and name, then only executed: Drizzle builds a
 * query's SQL text on every run otherwise, which on the enquiry intake path cost more than the
 * database did (issue 19). `build` must make the same statement text every time for a name, with
 * values as placeholders (`sql.placeholder`); on PostgreSQL it is also prepared on the server, once
 * per connection. A transaction is a handle of its own, so there it is built once per transaction.
 */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  let statements = byHandle.get(db);
  if (!statements) byHandle.set(db, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (!statement) statements.set(name, (statement = build(db)));
  return statement;
}
