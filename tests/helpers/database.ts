import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database, type DatabaseOptions } from '../../src/db/client.ts';

export const withDatabaseName = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export const testDbKind = () => (process.env.TEST_DB === 'pglite' ? 'pglite' : 'postgres');

/**
 * A fresh, migrated database for one test file: a copy of the run's template on PostgreSQL, or an
 * in-memory PGlite. `close()` drops it.
 */
export async function openTestDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (testDbKind() === 'pglite') {
    const database = await openPglite(undefined, options);
    await database.migrate();
    return database;
  }
  const url = process.env.TEST_DATABASE_URL!;
  const template = inject('pgTemplate');
  const name = `${template}_t${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      break;
    } catch (err) {
      // Two files copying the template at the same instant: try again shortly.
      if (attempt > 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const database = openPostgres(withDatabaseName(url, name), 10, options);
  return {
    ...database,
    async close() {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
