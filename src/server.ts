import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { ensureDefaultAgency, ensureFirstAdmin } from './bootstrap.ts';
import { loadConfigOrExit } from './config.ts';
import { deliverCredentials } from './auth/credentials-notice.ts';
import { seedDemoData } from './demo/seed.ts';
import { startWorker } from '../jobs/start-worker.ts';
import { startRuntime } from './runtime.ts';
import { createLogger } from './shared/logger.ts';
import { ONE_TIME_PASSWORD_HOURS } from './users/users.service.ts';

/** Web entry point: migrate, bootstrap, listen; on SIGTERM/SIGINT stop accepting, drain, close everything. */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await startRuntime(config, logger, {
    startWorker: config.RUN_WORKER ? startWorker : undefined,
  });
  const { deps } = runtime;

  let admin, demo, server: Server;
  try {
    const agency = await ensureDefaultAgency(deps.db);
    admin = await ensureFirstAdmin(deps.db, agency.id);
    demo = admin && config.DEMO_DATA ? await seedDemoData(deps, agency.id) : undefined;
    const app = createApp(deps);
    server = await new Promise((resolve, reject) => {
      const s = app.listen(config.PORT, () => resolve(s)).once('error', reject);
    });
  } catch (err) {
    // Never leave a private redis-server or an open database behind a failed start.
    await runtime.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://localhost:${port}`;

  console.log(`\nFoster carer recruitment CRM is running at ${url}`);
  const secrets: string[] = [];
  if (admin) {
    secrets.push(
      '',
      `First start: sign in as the administrator with this one-time password (it works for ${ONE_TIME_PASSWORD_HOURS} hours):`,
      `  email:    ${admin.email}`,
      `  password: ${admin.password}`,
      'You will be asked to choose your own password.',
    );
  }
  if (demo?.password) {
    secrets.push('', `Demo data loaded. Demo users (password for all: ${demo.password}):`);
    for (const u of demo.users) secrets.push(`  ${u.role.padEnd(8)} ${u.email}`);
  } else if (demo?.users.length) {
    // DATABASE_URL is set: demo accounts exist switched off, with passwords no one knows.
    console.log('\nDemo data loaded. Demo users are switched off; an administrator can switch them on.');
  }
  // Passwords never go to stdout unless a person is watching it: it is the production log.
  if (secrets.length) deliverCredentials(secrets, { dataDir: config.DATA_DIR, logger });
  console.log('');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 30_000);
    forced.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await runtime.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
