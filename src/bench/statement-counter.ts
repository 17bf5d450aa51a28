import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database, Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';

/** Transaction control, counted as transactions rather than statements (PGlite sends it unlogged). */
const CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/**
 * A second Drizzle handle on the same pool or embedded client that counts what it sends: SQL
 * statements (round trips to the database, excluding BEGIN/COMMIT/savepoints) and transactions.
 * For the bench's "statements per create"; the app under it behaves exactly as on `database.db`.
 */
export function countingDb(database: Database) {
  const counts = { statements: 0, transactions: 0 };
  const logger = {
    logQuery(query: string) {
      if (!CONTROL.test(query)) counts.statements++;
    },
  };
  const client = (database.db as unknown as { $client: never }).$client;
  const db = (database.kind === 'postgres'
    ? drizzlePg({ client, schema, logger })
    : drizzlePglite({ client, schema, logger })) as unknown as Db;
  const transaction = db.transaction.bind(db);
  db.transaction = ((...args: Parameters<Db['transaction']>) => {
    counts.transactions++;
    return transaction(...args);
  }) as Db['transaction'];
  return {
    db,
    /** The counts since the last reset. */
    take() {
      const taken = { ...counts };
      counts.statements = 0;
      counts.transactions = 0;
      return taken;
    },
  };
}
