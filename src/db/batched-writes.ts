import type { SQLWrapper } from 'drizzle-orm';
import type { Db } from './db-type.ts';

/**
 * A handle whose next insert also runs `alongside` (inserts whose results nobody needs) as
 * data-modifying CTEs of the same statement: one round trip instead of 1 + alongside.length
 * (issue 19: a new enquiry's stage event, consents and audit entry go together).
 *
 * PostgreSQL runs every sub-statement exactly once, all against the same snapshot, and checks
 * foreign keys and fires AFTER triggers when the statement ends. So the sub-statements must not
 * need to see each other's rows (each may refer to rows written by earlier statements).
 */
export function withWrites(db: Db, alongside: SQLWrapper[]) {
  if (alongside.length === 0) return db;
  const ctes = alongside.map((write, i) =>
    // Drizzle types $with(...).as() for selects; at run time any query with getSQL() is a CTE.
    db.$with(`w${i}`).as(write as never),
  );
  return db.with(...ctes);
}
