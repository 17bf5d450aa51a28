import { closeMailer } from './messages/mailer.ts';
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { createQueues, type Queues } from './jobs/queues.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import type { AppDeps } from './deps.ts';
import { startPrivateRedis, type PrivateRedis } from './infra/private-redis.ts';
import { createAppRedis } from './infra/redis.ts';
import type { Logger } from './shared/logger.ts';

/** A running job worker (jobs/start-worker.ts), closed with the runtime. */
export interface RunningWorker {
  close(): Promise<void>;
}

export interface Runtime {
  deps: AppDeps;
  privateRedis?: PrivateRedis;
  workers?: RunningWorker;
  /** Closes in dependency order: worker (finishing jobs in progress), queues, Redis, database. */
  close(): Promise<void>;
}

/**
 * Opens and migrates the database, connects to Redis (starting a private redis-server when
 * REDIS_URL is unset), and optionally starts the job worker. Shared by the web server, the
 * separate worker process and the CLI.
 */
export async function startRuntime(
  config: Config,
  logger: Logger,
  options: { startWorker?: (deps: AppDeps) => Promise<RunningWorker> } = {},
): Promise<Runtime> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const opened: { database?: Database; privateRedis?: PrivateRedis; queues?: Queues } = {};
  try {
    opened.database = await openDatabase(config);
    await opened.database.migrate();

    let redisUrl = config.REDIS_URL;
    if (!redisUrl) {
      opened.privateRedis = await startPrivateRedis(config.DATA_DIR, logger);
      redisUrl = opened.privateRedis.url;
    }
    const redis = createAppRedis(redisUrl);
    await Promise.race([
      once(redis, 'ready'),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('Redis did not answer within 10 seconds')), 10_000).unref(),
      ),
    ]);
    opened.queues = createQueues(redisUrl);
    const deps: AppDeps = {
      config,
      database: opened.database,
      db: opened.database.db,
      redis,
      queues: opened.queues,
      logger,
    };
    // The worker and its scheduled jobs; a bad schedule stops start-up.
    const workers = options.startWorker ? await options.startWorker(deps) : undefined;

    return {
      deps,
      privateRedis: opened.privateRedis,
      workers,
      async close() {
        await workers?.close();
        closeMailer(config);
        await opened.queues?.close();
        redis.disconnect();
        await opened.database?.close();
        await opened.privateRedis?.stop();
      },
    };
  } catch (err) {
    await opened.queues?.close().catch(() => undefined);
    await opened.database?.close().catch(() => undefined);
    await opened.privateRedis?.stop();
    throw err;
  }
}
