// `npm start` / `npm run worker`: install what is missing, compile to dist/ when the sources
// changed, then run the server (or the worker) as plain JavaScript: no TypeScript compiler in the
// running process (it cost start-up time and memory; README, Performance).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { distDir, ensureBuild } from './lib/build.mjs';
import { ensureDebianPackages, ensureNodeModules, onPath, root } from './lib/system.mjs';

const worker = process.argv.includes('--worker');

ensureNodeModules();
if (!process.env.REDIS_URL && !worker) {
  ensureDebianPackages({ 'redis-server': () => onPath('redis-server') });
}
ensureBuild();

const entry = path.join(distDir, worker ? 'jobs/worker.js' : 'src/server.js');
const child = spawn(process.execPath, [entry], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
