// `npm start` / `npm run worker`: install what is missing, then run the server (or the worker).
import { spawn } from 'node:child_process';
import { ensureDebianPackages, ensureNodeModules, onPath, root } from './lib/system.mjs';

const worker = process.argv.includes('--worker');

ensureNodeModules();
if (!process.env.REDIS_URL && !worker) {
  ensureDebianPackages({ 'redis-server': () => onPath('redis-server') });
}

const entry = worker ? 'jobs/worker.ts' : 'src/server.ts';
const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
