import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../infra/free-port.ts';
import {
  rssMb,
  startAppProcess,
  stopProcess,
  waitForHealth,
  waitForOutput,
  type Runner,
} from '../processes.ts';
import { ratio, type DataSize, type ScenarioResult } from '../report.ts';
import { round } from '../stats.ts';

interface Start {
  ms: number;
  rssMb: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * One start of the web process (RUN_WORKER=false, as the web containers run) or of the separate
 * worker: milliseconds from spawn to the first 200 on /healthz (polled every 20 ms) or to the
 * worker's "worker started" line, and its RSS one idle second later. Migrations are already applied.
 */
async function startOnce(kind: 'web' | 'worker', runner: Runner, env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-start-'));
  const port = await freePort();
  const started = performance.now();
  const child = startAppProcess(kind, runner, {
    ...env,
    DATA_DIR: dataDir,
    PORT: String(port),
    RUN_WORKER: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: kind === 'worker' ? 'info' : 'warn',
  });
  try {
    if (kind === 'web') {
      child.stdout?.resume();
      await waitForHealth(`http://127.0.0.1:${port}`, { everyMs: 20 });
    } else await waitForOutput(child, 'worker started');
    const ms = performance.now() - started;
    await sleep(1_000);
    return { ms, rssMb: rssMb(child.pid!) };
  } finally {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(runner: Runner, env: Record<string, string>, repeats: number) {
  const web: Start[] = [];
  const worker: Start[] = [];
  for (let i = 0; i < repeats; i++) {
    web.push(await startOnce('web', runner, env));
    worker.push(await startOnce('worker', runner, env));
  }
  const sum = (starts: Start[]) => ({
    ms: round(median(starts.map((s) => s.ms)), 0),
    rssMb: round(median(starts.map((s) => s.rssMb))),
  });
  return { web: sum(web), worker: sum(worker) };
}

type Measured = Awaited<ReturnType<typeof measure>>;

const headline = (m: Measured) =>
  `web ${m.web.ms} ms to /healthz, RSS ${Math.round(m.web.rssMb)} MB; ` +
  `worker ${m.worker.ms} ms to started, RSS ${Math.round(m.worker.rssMb)} MB`;

const figures = (m: Measured) => ({
  webStartMs: m.web.ms,
  webRssMb: m.web.rssMb,
  workerStartMs: m.worker.ms,
  workerRssMb: m.worker.rssMb,
});

/**
 * Start-up of the production processes as they run now (compiled JavaScript from dist/), compared
 * with the same processes run from the TypeScript sources under tsx (how `npm start` and the Docker
 * image ran them before issue 19). Medians of `repeats` starts each, on the bench's PostgreSQL.
 */
export async function startupScenario(options: {
  env: Record<string, string>;
  repeats: number;
  data: DataSize;
}): Promise<ScenarioResult> {
  const tsx = await measure('tsx', options.env, options.repeats);
  const dist = await measure('dist', options.env, options.repeats);
  return {
    name: 'start-up',
    database: 'postgres',
    headline: headline(dist),
    figures: { ...figures(dist), repeats: options.repeats },
    target: null,
    met: null,
    comparison: { what: 'the same under tsx', headline: headline(tsx), figures: figures(tsx) },
    ratio: ratio(dist.web.ms, tsx.web.ms),
    ratioOf: 'web start ms ÷ tsx web start ms',
    notes: [
      `web RSS ${round(dist.web.rssMb - tsx.web.rssMb)} MB and worker RSS ` +
        `${round(dist.worker.rssMb - tsx.worker.rssMb)} MB against tsx; median of ${options.repeats}`,
    ],
    data: options.data,
  };
}
