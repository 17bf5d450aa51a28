import type { Redis } from 'ioredis';
import type { Queues } from './jobs/queues.ts';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { Logger } from './shared/logger.ts';

/** What routes, services and job handlers are given. Built once by the runtime, or by a test. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  redis: Redis;
  queues: Queues;
  logger: Logger;
}
