import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../infra/free-port.ts';
import { rssMb, startAppProcess, stopProcess, waitForHealth } from '../processes.ts';
import type { DataSize, ScenarioResult } from '../report.ts';
import { round } from '../stats.ts';

const TARGET_MB = 300;

/**
 * (f) The real web process (dist/src/server.js, worker inside, as `npm start` runs it) asked for a full
 * recompute of the hub through the API; its RSS is read from /proc every 100 ms until the figures
 * say they were computed after the request. The recompute is SQL, so memory should barely move.
 */
export async function memoryScenario(options: {
  kind: 'postgres' | 'pglite';
  env: Record<string, string>;
  managerToken: string;
  data: DataSize;
}): Promise<ScenarioResult> {
  const port = await freePort();
  // The server's own data directory (nothing is kept there when DATABASE_URL and REDIS_URL are given).
  const dataDir = options.env.DATA_DIR ? undefined : mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  const server = startAppProcess('web', 'dist', {
    PORT: String(port),
    RUN_WORKER: 'true',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...options.env,
  });
  server.stdout?.resume();
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${options.managerToken}` };
  const samples: number[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    await waitForHealth(base);
    sampler = setInterval(() => samples.push(rssMb(server.pid!)), 100);
    await sleep(1_000);
    const baseline = Math.max(...samples);
    const asked = Date.now();
    const response = await fetch(`${base}/api/v1/metrics/refresh`, { method: 'POST', headers: auth });
    if (response.status !== 202) throw new Error(`POST /metrics/refresh answered ${response.status}`);
    for (;;) {
      await sleep(200);
      // PGlite runs each statement on the server's own thread: while a long one runs, a kept-alive
      // connection can be dropped under us. That is a reason to ask again, not a failure.
      const status = (await fetch(`${base}/api/v1/metrics/status`, { headers: auth })
        .then((r) => r.json())
        .catch(() => undefined)) as { fullComputedAt: string | null; running: boolean } | undefined;
      if (status?.fullComputedAt && Date.parse(status.fullComputedAt) >= asked && !status.running) break;
      if (Date.now() - asked > 15 * 60_000) throw new Error('The recompute did not finish in 15 minutes');
    }
    const durationS = (Date.now() - asked) / 1000;
    clearInterval(sampler);
    const peak = Math.max(...samples);
    const target = options.kind === 'postgres' ? TARGET_MB : null;
    return {
      name: 'web-memory-during-recompute',
      database: options.kind,
      headline: `peak RSS ${Math.round(peak)} MB (${Math.round(baseline)} MB before)`,
      figures: {
        peakRssMb: round(peak),
        baselineRssMb: round(baseline),
        growthMb: round(peak - baseline),
        recomputeS: round(durationS, 2),
        samples: samples.length,
      },
      target: target ? `RSS < ${target} MB` : null,
      met: target ? peak < target : null,
      comparison: null,
      ratio: null,
      ratioOf: null,
      notes: ['node dist/src/server.js with RUN_WORKER=true; POST /api/v1/metrics/refresh for the hub'],
      data: options.data,
    };
  } finally {
    clearInterval(sampler);
    await stopProcess(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
