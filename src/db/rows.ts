import type { SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * Runs a raw SQL query and returns its rows. Both drivers answer `{ rows }`. Select counts as
 * `::int` and timestamps as text or dates in SQL: the two drivers parse raw timestamps differently.
 */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
