// `npm run bench [-- --quick] [-- --enquiries N --agencies K --pglite-enquiries M --skip a,b]`:
// starts a throwaway PostgreSQL and Redis as `npm test` does (or uses BENCH_DATABASE_URL /
// BENCH_REDIS_URL), runs src/bench/main.ts against them and cleans up. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { ensureBuild } from './lib/build.mjs';
import { startPostgres, startRedis } from './lib/services.mjs';
import { ensureDebianPackages, ensureNodeModules, onPath, postgresBinDir, root } from './lib/system.mjs';

ensureNodeModules();
ensureDebianPackages({
  postgresql: () => process.env.BENCH_DATABASE_URL !== undefined || postgresBinDir() !== undefined,
  'redis-server': () => process.env.BENCH_REDIS_URL !== undefined || onPath('redis-server'),
});
// The scenarios that start the app's own processes run them as production does, from dist/.
ensureBuild();

const started = [];
const cleanup = async () => {
  for (const service of started.reverse()) await service.stop().catch(() => undefined);
};
let child;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    child?.kill(signal);
    await cleanup();
    process.exit(130);
  });
}

let code = 0;
try {
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  let redisUrl = process.env.BENCH_REDIS_URL;
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
  code = await new Promise((resolve) => {
    child = spawn(
      process.execPath,
      [
        // BENCH_PROFILE=<dir>: a V8 CPU profile of the bench process (server side of each scenario).
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
        // The import scenario collects garbage before it reads its baseline RSS.
        '--expose-gc',
        '--import',
        'tsx',
        'src/bench/main.ts',
        ...process.argv.slice(2),
      ],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_REDIS_URL: redisUrl },
      },
    );
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
} catch (err) {
  console.error(err);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
