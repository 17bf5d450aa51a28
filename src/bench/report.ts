import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rows } from '../db/rows.ts';

export type Figures = Record<string, number | string | boolean | null>;

export interface DataSize {
  enquiries: number;
  stageEvents: number;
  agencies: number;
  /** The agency the per-agency scenarios use (the hub) and how many enquiries it has. */
  hubId: string;
  hubEnquiries: number;
}

/** One scenario on one database: what was measured, against which target and which limit. */
export interface ScenarioResult {
  name: string;
  database: 'postgres' | 'pglite';
  headline: string;
  figures: Figures;
  target: string | null;
  met: boolean | null;
  comparison: { what: string; headline: string; figures: Figures } | null;
  /** Measured ÷ comparison for the figure named in ratioOf; null when there is nothing to compare with. */
  ratio: number | null;
  ratioOf: string | null;
  notes: string[];
  data: DataSize;
}

export interface Environment {
  date: string;
  mode: 'quick' | 'full';
  node: string;
  cpus: number;
  cpuModel: string;
  totalMemoryMb: number;
  loadAverageAtStart: number[];
  postgres: string;
  pglite: string;
  commit: string;
}

export async function describeEnvironment(database: Database, mode: 'quick' | 'full'): Promise<Environment> {
  const [pg] = await rows<{ version: string }>(database.db, sql`select version() as version`);
  const pglitePackage = path.join(
    import.meta.dirname,
    '../../node_modules/@electric-sql/pglite/package.json',
  );
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    mode,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
    postgres: pg?.version.split(' on ')[0] ?? 'unknown',
    pglite: (JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string }).version,
    commit,
  };
}

export async function dataSize(database: Database, hubId: string): Promise<DataSize> {
  const [row] = await rows<{ enquiries: number; stage_events: number; agencies: number; hub: number }>(
    database.db,
    sql`select (select count(*)::int from enquiries) as enquiries,
               (select count(*)::int from stage_events) as stage_events,
               (select count(*)::int from agencies) as agencies,
               (select count(*)::int from enquiries where agency_id = ${hubId}) as hub`,
  );
  return {
    enquiries: row!.enquiries,
    stageEvents: row!.stage_events,
    agencies: row!.agencies,
    hubId,
    hubEnquiries: row!.hub,
  };
}

export const ratio = (measured: number, comparison: number) =>
  comparison > 0 ? Math.round((measured / comparison) * 100) / 100 : null;

/** One JSON object per line, environment included, as the issue asks. */
export function printLine(result: ScenarioResult, environment: Environment) {
  console.log(JSON.stringify({ ...result, environment }));
}

export function printTable(results: ScenarioResult[]) {
  const header = ['Scenario', 'DB', 'Result', 'Target', 'Met', 'Compared with', 'Ratio'];
  const body = results.map((r) => [
    r.name,
    r.database,
    r.headline,
    r.target ?? '—',
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
    r.comparison ? `${r.comparison.what}: ${r.comparison.headline}` : '—',
    r.ratio === null ? '—' : `${r.ratio}× (${r.ratioOf})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(['', line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n'));
}

export function writeResults(results: ScenarioResult[], environment: Environment) {
  const dir = path.join(import.meta.dirname, '../../bench/results');
  mkdirSync(dir, { recursive: true });
  const name = `${environment.date.slice(0, 10)}${environment.mode === 'quick' ? '-quick' : ''}.json`;
  const file = path.join(dir, name);
  writeFileSync(file, `${JSON.stringify({ environment, results }, null, 2)}\n`);
  return file;
}
