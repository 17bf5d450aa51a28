// Real PostgreSQL and Redis servers for the tests (and benchmarks): loopback, free ports, a temp dir.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRoot, postgresBinDir } from './system.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start on port ${port}`);
    await sleep(100);
  }
}

/**
 * initdb + postgres in a temp dir. As root, PostgreSQL refuses to run, so it runs as the
 * `postgres` user that Debian's package creates. Tuned for throwaway data (fsync off).
 */
export async function startPostgres() {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  // As root, PostgreSQL must run as the postgres user. Spawned with that uid directly (not through
  // runuser, which blocks SIGINT), so stop() reaches the server itself.
  let owner = {};
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    owner = { uid, gid, env: { ...process.env, HOME: dir } };
  }
  const run = (args) => execFileSync(args[0], args.slice(1), { stdio: 'pipe', ...owner });
  run([
    path.join(bin, 'initdb'),
    '-D',
    dataDir,
    '-U',
    'crm',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const [cmd, ...rest] = [
    path.join(bin, 'postgres'),
    '-D',
    dataDir,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
    '-c',
    'shared_buffers=256MB',
  ];
  const proc = spawn(cmd, rest, { stdio: ['ignore', 'ignore', 'pipe'], ...owner });
  let log = '';
  proc.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  try {
    await waitForPort(port, 'PostgreSQL');
  } catch (err) {
    console.error(log);
    throw err;
  }
  return {
    url: `postgres://crm@127.0.0.1:${port}/postgres`,
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGINT'); // fast shutdown: disconnects clients, no waiting for them
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startRedis() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-redis-'));
  const port = await freePort();
  const proc = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--loglevel',
      'warning',
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 'Redis');
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((resolve) => proc.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
