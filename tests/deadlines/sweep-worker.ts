/**
 * A job worker in its own process, for the crash test: like `npm run worker`, but on a test's own
 * queue prefix, and with a short lock so that a killed worker's job is noticed within seconds.
 * Env: DATABASE_URL, REDIS_URL, QUEUE_PREFIX, DATA_DIR.
 */
import { once } from 'node:events';
import { startWorkers } from '../../jobs/processor.ts';
import { createQueues } from '../../src/jobs/queues.ts';
import { loadConfig } from '../../src/config.ts';
import { openPostgres } from '../../src/db/client.ts';
import { createAppRedis } from '../../src/infra/redis.ts';
import { createLogger } from '../../src/shared/logger.ts';

const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const database = openPostgres(config.DATABASE_URL!, 4);
const redis = createAppRedis(config.REDIS_URL!);
await once(redis, 'ready');
const queues = createQueues(config.REDIS_URL!, process.env.QUEUE_PREFIX!);
const logger = createLogger('silent');
const workers = startWorkers(
  { config, database, db: database.db, redis, queues, logger },
  { lockDuration: 2_000, stalledInterval: 1_000 },
);
await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
process.stdout.write('worker ready\n');
process.on('SIGTERM', () => {
  void workers
    .close()
    .then(() => queues.close())
    .then(() => database.close())
    .finally(() => {
      redis.disconnect();
      process.exit(0);
    });
});
