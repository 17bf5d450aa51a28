import os from 'node:os';
import type { ScenarioResult } from './report.ts';
import { round } from './stats.ts';

/**
 * Runs a scenario and, when it misses its target, adds what the machine was doing meanwhile to its
 * notes: this process's CPU (the app, and the worker where the scenario runs one, share it) as a
 * share of one core, and the load average against the number of cores. A scenario's own notes name
 * its specific cause (statements per request, jobs per message...); these say whether the machine
 * was the limit or was shared with other work.
 */
export async function withMeasuredCause(scenario: () => Promise<ScenarioResult>): Promise<ScenarioResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await scenario();
  if (result.met !== false) return result;
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  const share = round((used.user + used.system) / 1e6 / seconds, 2);
  const [load1, load5] = os.loadavg();
  return {
    ...result,
    notes: [
      ...result.notes,
      `measured during the scenario (${round(seconds)} s): bench process ${Math.round(share * 100)}% of one core; ` +
        `load average ${load1!.toFixed(1)} (5 min ${load5!.toFixed(1)}) on ${os.cpus().length} cores` +
        (load5! > os.cpus().length * 1.5 ? ' — the machine was shared with other work' : ''),
    ],
  };
}

/** After the table: each target missed, with its figure and the notes that give its cause. */
export function printMissed(results: ScenarioResult[]) {
  const missed = results.filter((r) => r.met === false);
  if (!missed.length) {
    console.log('\nEvery target met.');
    return;
  }
  console.log(`\nTargets missed (${missed.length}):`);
  for (const r of missed) {
    console.log(`- ${r.name} (${r.database}): ${r.headline} — target ${r.target}`);
    for (const note of r.notes) console.log(`    ${note}`);
  }
}
