import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/infra/free-port.ts';
import { waitFor } from '../helpers/wait.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the server process', () => {
  it('starts on the embedded database with a private Redis, keeps the admin sign-in out of the log, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-server-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATA_DIR: dataDir,
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => output.includes('is running at'), 60_000, 100);
      // stdout is not a terminal here (as in production, where it is the log): the one-time password
      // goes to a file only this user can read, and the log gives only the file's path (issue 12 §8).
      const file = path.join(dataDir, 'sign-in-details.txt');
      await waitFor(() => output.includes(file), 5_000, 50);
      expect(output).not.toMatch(/[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/);
      const details = readFileSync(file, 'utf8');
      expect(details).toMatch(/email: +admin@fostering\.local/);
      expect(details).toMatch(/password: +[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);

      const redisPid = Number(readFileSync(path.join(dataDir, 'redis/redis.pid'), 'utf8'));
      expect(alive(redisPid)).toBe(true);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await waitFor(() => !alive(redisPid), 5_000);
      expect(existsSync(path.join(dataDir, 'redis/appendonlydir'))).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
