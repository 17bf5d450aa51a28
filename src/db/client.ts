import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { backfillIdentityKeys } from '../households/identity-backfill.ts';
import type { Db } from './db-type.ts';
import { lockDataDir } from './pglite-lock.ts';
import * as schema from './schema.ts';

/**
 * The database handle every repository takes, defined in db-type.ts so that the start-up data steps
 * (identity-backfill.ts) need not import this file.
 */
export type { Db };

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the SQL migrations, then the data steps that cannot be SQL (identity keys, 0008). */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opt-in hooks for tests; production passes none. */
export interface DatabaseOptions {
  /**
   * Called with the SQL text of every statement run through Drizzle (queries, `execute`, the
   * statements of transactions): the tests' per-request query counter (tests/helpers/query-count.ts).
   */
  onQuery?: (sql: string) => void;
}

const queryLogger = ({ onQuery }: DatabaseOptions) =>
  onQuery ? { logQuery: (query: string) => onQuery(query) } : undefined;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Any fixed number: migrations of several replicas starting at once run one after another.
const MIGRATION_LOCK = 727_001;

export function openPostgres(url: string, poolSize = 10, options: DatabaseOptions = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'foster-crm' });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const db = drizzlePg({ client: pool, schema, logger: queryLogger(options) }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        const locked = drizzlePg({ client, schema }) as unknown as Db;
        await migratePg(locked as never, { migrationsFolder });
        await backfillIdentityKeys(locked);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

/** Embedded PostgreSQL (WASM). `dataDir` undefined means in memory (tests). One process at a time. */
export async function openPglite(dataDir?: string, options: DatabaseOptions = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  const client = new PGlite(dataDir);
  try {
    await client.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite({ client, schema, logger: queryLogger(options) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
      await backfillIdentityKeys(db);
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

export async function openDatabase(settings: {
  DATABASE_URL?: string | undefined;
  DATABASE_POOL_SIZE?: number;
  DATA_DIR: string;
}): Promise<Database> {
  if (settings.DATABASE_URL) return openPostgres(settings.DATABASE_URL, settings.DATABASE_POOL_SIZE);
  return openPglite(path.join(settings.DATA_DIR, 'pglite'));
}
