import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createQueues } from '../../src/jobs/queues.ts';
import { startWorkers, type Workers } from '../../jobs/processor.ts';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { closeMailer } from '../../src/messages/mailer.ts';
import type { AppDeps } from '../../src/deps.ts';
import { createAppRedis } from '../../src/infra/redis.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { openTestDatabase } from './database.ts';

export interface TestContext {
  deps: AppDeps;
  baseUrl: string;
  agencyId: string;
  dataDir: string;
  /** Starts a real BullMQ worker on this context's queues (stopped by close()). */
  startWorker(): Workers;
  close(): Promise<void>;
}

export async function createTestContext(
  settings: Record<string, string> = {},
  /** A Redis of the test's own (e.g. one it restarts); the shared test Redis otherwise. */
  options: { redisUrl?: string; onQuery?: (sql: string) => void } = {},
): Promise<TestContext> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-test-'));
  const redisUrl = options.redisUrl ?? process.env.TEST_REDIS_URL;
  if (!redisUrl) throw new Error('TEST_REDIS_URL is not set: run the tests with `npm test`.');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl,
    // Every test file shares one database, so a worker's batch claims whatever mail is due in it,
    // other files' included (as one installation's workers do): the provider's quota would make a
    // file wait behind the others' mail. Tests of the quota itself set their own (batch-sending).
    SMTP_MAX_PER_MINUTE: '1000000',
    ...settings,
  });
  const database = await openTestDatabase({ onQuery: options.onQuery });
  const redis = createAppRedis(redisUrl);
  await new Promise((resolve) => redis.once('ready', resolve));
  // A prefix per test file keeps queues and rate limits of parallel files apart on one Redis.
  const queues = createQueues(redisUrl, `t${randomBytes(5).toString('hex')}`);
  const logger = createLogger(process.env.TEST_LOG ?? 'silent');
  const deps: AppDeps = { config, database, db: database.db, redis, queues, logger };
  const agency = await insertAgency(database.db, { name: 'Northshire Fostering', slug: 'northshire' });

  const server: Server = await new Promise((resolve) => {
    const s = createApp(deps).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  const workers: Workers[] = [];

  return {
    deps,
    baseUrl: `http://127.0.0.1:${port}`,
    agencyId: agency.id,
    dataDir,
    startWorker() {
      const w = startWorkers(deps);
      workers.push(w);
      return w;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      for (const w of workers) await w.close();
      closeMailer(config);
      await queues.close();
      await deleteKeys(redisUrl, `${queues.prefix}*`);
      redis.disconnect();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function deleteKeys(url: string, pattern: string) {
  const client = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  client.disconnect();
}

/** One context per test file: created before the first test, closed after the last. */
export function useTestContext(settings?: Record<string, string>) {
  let ctx: TestContext | undefined;
  beforeAll(async () => {
    ctx = await createTestContext(settings);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  return () => {
    if (!ctx) throw new Error('The test context is not ready (use it inside a test or hook)');
    return ctx;
  };
}
