/** Latency summaries: nearest-rank percentiles over milliseconds. */

export interface Latencies {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

export function summarise(samples: readonly number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  return {
    count: sorted.length,
    p50Ms: round(at(0.5), 2),
    p95Ms: round(at(0.95), 2),
    p99Ms: round(at(0.99), 2),
    maxMs: round(sorted.at(-1) ?? 0, 2),
    meanMs: round(mean, 2),
  };
}

/** Runs `work` `times` times one after another and summarises how long each took. */
export async function timeSequential(times: number, work: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}
