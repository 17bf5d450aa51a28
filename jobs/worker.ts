import { loadConfigOrExit } from '../src/config.ts';
import { startRuntime } from '../src/runtime.ts';
import { createLogger } from '../src/shared/logger.ts';
import { startWorker } from './start-worker.ts';

/** Separate worker process (`npm run worker`) for scaling out beyond the web process. */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.DATABASE_URL) {
    console.error(
      'The separate worker needs DATABASE_URL: the embedded database allows one process, and `npm start` already runs the worker.',
    );
    process.exit(1);
  }
  if (!config.REDIS_URL) {
    console.error('The separate worker needs REDIS_URL, the Redis the web processes use.');
    process.exit(1);
  }
  const runtime = await startRuntime(config, logger, { startWorker });
  logger.info('worker started');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
