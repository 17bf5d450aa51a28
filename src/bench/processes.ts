import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../shared/project-root.ts';

/**
 * How the bench starts the app's own processes: as production does (`node dist/...`, compiled by
 * scripts/bench.mjs before the run) or, for comparison, from the TypeScript sources under tsx.
 */
export type Runner = 'dist' | 'tsx';

const entries = {
  web: { dist: 'dist/src/server.js', tsx: 'src/server.ts' },
  worker: { dist: 'dist/jobs/worker.js', tsx: 'jobs/worker.ts' },
} as const;

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Starts the web server or the worker with only the given environment (plus PATH and HOME). */
export function startAppProcess(kind: 'web' | 'worker', runner: Runner, env: Record<string, string>) {
  const entry = entries[kind][runner];
  const args = runner === 'tsx' ? ['--import', 'tsx', entry] : [path.join(projectRoot, entry)];
  return spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Sends SIGTERM and waits for the exit. */
export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Polls GET /healthz every `everyMs` until it answers 200; throws after `timeoutMs`. */
export async function waitForHealth(base: string, { everyMs = 250, timeoutMs = 120_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${base}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`The server did not become healthy within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** Resolves when the process prints `text` on stdout (the worker's "worker started" log line). */
export function waitForOutput(child: ChildProcess, text: string, timeoutMs = 120_000) {
  return new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`No "${text}" within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`Exited with code ${code} before "${text}"`)));
  });
}
