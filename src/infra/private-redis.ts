import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.ts';
import { freePort } from './free-port.ts';

export interface PrivateRedis {
  url: string;
  pid(): number | undefined;
  stop(): Promise<void>;
}

export const REDIS_MISSING_HELP =
  'redis-server was not found. Install it with: sudo apt-get install redis-server (or set REDIS_URL to an existing Redis 6.2+).';

/**
 * Starts and supervises a private redis-server for the embedded setup: loopback only, a random
 * password (given on stdin, so it never shows in `ps`), data and AOF under DATA_DIR, and no
 * eviction (BullMQ must never lose jobs to memory pressure). If it dies it is restarted on the
 * same port, so existing clients reconnect by themselves.
 */
export async function startPrivateRedis(dataDir: string, logger: Logger): Promise<PrivateRedis> {
  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pidFile = path.join(dir, 'redis.pid');
  await killStale(pidFile, logger);

  const port = await freePort();
  const password = randomBytes(24).toString('hex');
  const url = `redis://:${password}@127.0.0.1:${port}`;
  const config = [
    'bind 127.0.0.1',
    `port ${port}`,
    `requirepass ${password}`,
    `dir ${dir}`,
    `pidfile ${pidFile}`,
    'appendonly yes',
    'appendfsync everysec',
    'maxmemory-policy noeviction',
    'save ""',
    'daemonize no',
    'loglevel warning',
  ].join('\n');

  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts: number[] = [];

  const launch = () => {
    const proc = spawn('redis-server', ['-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    proc.stdin?.end(config);
    proc.stderr?.on('data', (chunk: Buffer) =>
      logger.warn({ redis: chunk.toString().trim() }, 'redis-server'),
    );
    proc.on('exit', (code, signal) => {
      if (stopping) return;
      restarts = [...restarts.filter((t) => Date.now() - t < 60_000), Date.now()];
      if (restarts.length > 5) {
        logger.fatal({ code, signal }, 'private redis-server keeps exiting; giving up');
        return;
      }
      logger.error({ code, signal }, 'private redis-server exited; restarting it');
      setTimeout(() => {
        if (!stopping) child = launch();
      }, 500).unref();
    });
    return proc;
  };

  child = await new Promise<ChildProcess>((resolve, reject) => {
    const proc = launch();
    proc.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error(REDIS_MISSING_HELP) : err),
    );
    proc.once('spawn', () => resolve(proc));
  });
  await waitUntilReady(url, child);
  logger.info({ port }, 'private redis-server started');

  return {
    url,
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM'); // redis flushes the AOF on SIGTERM
      await Promise.race([exited, sleep(5000)]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    },
  };
}

async function waitUntilReady(url: string, proc: ChildProcess) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(`private redis-server exited at start (code ${proc.exitCode})`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      // While the AOF loads, redis answers LOADING; wait for a real PONG.
      if ((await client.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error('private redis-server did not start within 15 seconds');
    } finally {
      client.disconnect();
    }
    await sleep(50);
  }
}

/** A redis-server left over from a crashed run would hold the same AOF: stop it first. */
async function killStale(pidFile: string, logger: Logger) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const isRedis = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
    } catch {
      return false;
    }
  };
  if (pid > 0 && isRedis()) {
    process.kill(pid, 'SIGTERM');
    logger.warn({ pid }, 'stopping a private redis-server left from an earlier run');
    for (let i = 0; i < 100 && isRedis(); i++) await sleep(50);
  }
  rmSync(pidFile, { force: true });
}
