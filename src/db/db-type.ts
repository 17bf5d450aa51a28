import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

/** The database handle every repository takes. A transaction (`tx`) is also a Db. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
