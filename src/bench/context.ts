import type { Server } from 'node:http';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import { startWorkers, type Workers } from '../../jobs/start-worker.ts';
import { createApiToken } from '../auth/auth.service.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { createAppRedis } from '../infra/redis.ts';
import { createQueues } from '../jobs/queues.ts';
import { closeMailer } from '../messages/mailer.ts';
import { systemActor } from '../shared/actor.ts';
import { createLogger } from '../shared/logger.ts';
import { createUser } from '../users/users.service.ts';

/** The same dependencies the runtime builds, on the bench's database and Redis (no worker unless asked). */
export interface BenchContext {
  deps: AppDeps;
  startWorker(): Workers;
  close(): Promise<void>;
}

export async function createBenchContext(
  database: Database,
  redisUrl: string,
  /** Keeps the queues of the PostgreSQL and PGlite runs apart on one Redis. */
  prefix: string,
  settings: Record<string, string> = {},
): Promise<BenchContext> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'info',
    // The highest quota the setting allows, so the mail queue is not held back by a real provider's.
    SMTP_MAX_PER_MINUTE: '1000000',
    ...settings,
  });
  const redis = createAppRedis(redisUrl);
  await new Promise((resolve) => redis.once('ready', resolve));
  const queues = createQueues(redisUrl, prefix);
  // Request logs at the production level, written where nobody reads them: their cost is real.
  const logger = createLogger('info', pino.destination({ dest: '/dev/null', sync: false }));
  const deps: AppDeps = { config, database, db: database.db, redis, queues, logger };
  const workers: Workers[] = [];
  return {
    deps,
    startWorker() {
      const w = startWorkers(deps);
      workers.push(w);
      return w;
    },
    async close() {
      for (const w of workers) await w.close();
      closeMailer(config);
      for (const name of ['default', 'mail', 'metrics'] as const)
        await queues.get(name).obliterate({ force: true });
      await queues.close();
      redis.disconnect();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A manager and an officer of the agency, with API tokens. */
export async function benchUsers(deps: AppDeps, agencyId: string) {
  const actor = systemActor(agencyId, 'bench');
  const tokens: Record<'manager' | 'officer', string> = { manager: '', officer: '' };
  for (const role of ['manager', 'officer'] as const) {
    const email = `${role}.${agencyId.slice(0, 8)}.${Date.now()}@bench.example.gov.uk`;
    const { user } = await createUser(
      deps.db,
      actor,
      { name: `Bench ${role}`, email, role },
      'bench password 1234',
    );
    tokens[role] = await createApiToken(deps.db, actor, user.id, 'bench');
  }
  return tokens;
}

/** Listens on a free loopback port; returns the base URL and a closer. */
export async function listen(app: Express) {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
