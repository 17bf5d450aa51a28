import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { ensureDefaultAgency, ensureFirstAdmin } from './bootstrap.ts';
import { loadConfigOrExit } from './config.ts';
import { seedDemoData } from './demo/seed.ts';
import { startRuntime } from './runtime.ts';
import { createLogger } from './shared/logger.ts';

/** Web entry point: migrate, bootstrap, listen; on SIGTERM/SIGINT stop accepting, drain, close everything. */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await startRuntime(config, logger, { worker: config.RUN_WORKER });
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
  if (admin) {
    console.log('\nFirst start: sign in as the administrator with this one-time password (shown only now):');
    console.log(`  email:    ${admin.email}`);
    console.log(`  password: ${admin.password}`);
    console.log('You will be asked to choose your own password.');
  }
  if (demo) {
    console.log(`\nDemo data loaded. Demo users (password for all: ${demo.password}):`);
    for (const u of demo.users) console.log(`  ${u.role.padEnd(8)} ${u.email}`);
  }
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
