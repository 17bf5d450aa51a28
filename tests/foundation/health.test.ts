import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createQueues } from '../../src/jobs/queues.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { startPrivateRedis } from '../../src/infra/private-redis.ts';
import { createAppRedis } from '../../src/infra/redis.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { openTestDatabase } from '../helpers/database.ts';
import { waitFor } from '../helpers/wait.ts';

describe('/healthz and the private redis-server', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-health-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers 200, restarts a killed redis-server, and answers 503 naming Redis once it is stopped', async () => {
    const logger = createLogger('silent');
    const privateRedis = await startPrivateRedis(dataDir, logger);
    const database = await openTestDatabase();
    const redis = createAppRedis(privateRedis.url);
    await new Promise((r) => redis.once('ready', r));
    const queues = createQueues(privateRedis.url, 'health');
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const app = createApp({ config, database, db: database.db, redis, queues, logger });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/healthz`;
    const health = async () => {
      const res = await fetch(url);
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    try {
      expect(await health()).toEqual({ status: 200, body: { status: 'ok', db: 'ok', redis: 'ok' } });

      // The supervisor brings a crashed redis-server back on the same port; clients reconnect.
      const firstPid = privateRedis.pid()!;
      process.kill(firstPid, 'SIGKILL');
      await waitFor(
        async () => privateRedis.pid() !== firstPid && (await health()).status === 200,
        20_000,
        200,
      );

      await privateRedis.stop();
      const down = await waitFor(async () => {
        const h = await health();
        return h.status === 503 ? h : undefined;
      });
      expect(down.body).toEqual({ status: 'unavailable', db: 'ok', redis: 'unavailable' });
    } finally {
      server.close();
      redis.disconnect();
      await queues.close().catch(() => undefined);
      await database.close();
      await privateRedis.stop();
    }
  });
});
