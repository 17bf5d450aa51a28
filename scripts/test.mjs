// `npm test`: installs what is missing, starts real PostgreSQL and Redis, runs lint, typecheck and
// every test (unit, integration on PostgreSQL and PGlite, jobs, browser), then cleans up.
// Extra arguments go to vitest: `npm test -- tests/auth`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startPostgres, startRedis } from './lib/services.mjs';
import {
  ensureDebianPackages,
  ensureNodeModules,
  onPath,
  postgresBinDir,
  python3HasAiosmtpd,
  root,
} from './lib/system.mjs';

const vitestArgs = process.argv.slice(2);
const focused = vitestArgs.length > 0;

ensureNodeModules();
ensureDebianPackages({
  postgresql: () => process.env.TEST_DATABASE_URL !== undefined || postgresBinDir() !== undefined,
  'redis-server': () => onPath('redis-server'),
  chromium: () => existsSync('/usr/bin/chromium'),
  'python3-aiosmtpd': python3HasAiosmtpd,
  'docker-compose': () => onPath('docker-compose'),
  // The export test opens the downloaded ZIP with the system's own tools.
  unzip: () => onPath('unzip') && onPath('zipinfo'),
});

const run = (command, args, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const started = [];
const cleanup = async () => {
  for (const service of started.reverse()) await service.stop().catch(() => undefined);
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

let code = 0;
try {
  let databaseUrl = process.env.TEST_DATABASE_URL;
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!databaseUrl) {
    const pg = await startPostgres();
    started.push(pg);
    databaseUrl = pg.url;
  }
  if (!redisUrl) {
    const redis = await startRedis();
    started.push(redis);
    redisUrl = redis.url;
  }
  if (!focused) {
    console.log('\n▶ lint');
    code ||= await run('npx', ['eslint', '.']);
    code ||= await run('npx', ['prettier', '--check', '.', '--log-level', 'warn']);
    // Which way dependencies point (no cycles, no layer running back up): .dependency-cruiser.mjs.
    code ||= await run('npx', ['depcruise', 'src', 'jobs', '--config', '.dependency-cruiser.mjs']);
    console.log('\n▶ typecheck');
    code ||= await run('npx', ['tsc', '--noEmit']);
  }
  if (code === 0) {
    console.log('\n▶ tests');
    code = await run('npx', ['vitest', 'run', ...vitestArgs], {
      TEST_DATABASE_URL: databaseUrl,
      TEST_REDIS_URL: redisUrl,
      NODE_ENV: 'test',
    });
  }
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
