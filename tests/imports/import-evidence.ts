import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/db/client.ts';
import type { ImportReport } from '../../src/imports/import-types.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import type { apiClient } from '../helpers/http.ts';
import { committeeMeasures, type CommitteeFigures, type TrackerTruth } from './tracker-truth.ts';

/** Helpers of the import acceptance test (tests/imports/acceptance.db.test.ts). */

const root = path.join(import.meta.dirname, '../..');
export const fixturesDir = path.join(root, 'tests/fixtures/imports');
export const fixtureFiles = {
  csv: 'tracker-3-years.csv',
  xlsx: 'tracker-3-years.xlsx',
  windows1252: 'tracker-3-years-windows-1252.csv',
} as const;
export const readFixture = (name: string) => readFileSync(path.join(fixturesDir, name));

/** The financial years the fixture touches (2023-24 to 2026-27, whose approvals are still coming in). */
export const years = [2023, 2024, 2025, 2026];

type Api = ReturnType<typeof apiClient>;

/** A report without the moment its figures were computed (which a refresh changes, and should). */
function withoutComputedAt(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComputedAt);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/computedAt$/i.test(key))
        .map(([key, v]) => [key, withoutComputedAt(v)]),
    );
  }
  return value;
}

/**
 * Every report for every year, as the API answers after a full recompute of the roll-ups: the
 * committee table (funnel), Ofsted return, conversion, time in stage, net carers and campaigns.
 */
export async function snapshotReports(db: Db, agencyId: string, api: Api) {
  await refreshAgency(db, agencyId, { full: true });
  const snapshot: Record<string, unknown> = {};
  for (const year of years) {
    for (const report of ['funnel', 'ofsted', 'conversion', 'time-in-stage', 'net-carers', 'campaigns']) {
      const res = await getAgain(api, `/reports/${report}?year=${year}`);
      if (res.status !== 200)
        throw new Error(`GET /reports/${report}?year=${year}: ${res.status} ${res.text}`);
      snapshot[`${report} ${year}`] = withoutComputedAt(res.body);
    }
  }
  return snapshot;
}

/**
 * A GET, asked again if the connection drops: on PGlite the database runs on the test's own thread,
 * so a long statement can outlast the server's keep-alive and reset a reused connection under us
 * (as the memory benchmark notes). The answer is never retried, only a connection that failed.
 */
async function getAgain(api: Api, url: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.get(url);
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** The committee table's figures per year from a snapshot, in the truth's shape. */
export function committeeFigures(snapshot: Record<string, unknown>) {
  const figures = new Map<string, CommitteeFigures>();
  for (const year of years) {
    const funnel = snapshot[`funnel ${year}`] as { measures: Record<string, { total: number }> };
    const net = snapshot[`net-carers ${year}`] as { deregistrations: { total: number } };
    const row = Object.fromEntries(committeeMeasures.map((m) => [m, funnel.measures[m]!.total]));
    figures.set(String(year), { ...row, deregistrations: net.deregistrations.total } as CommitteeFigures);
  }
  return figures;
}

/** The truth's figures for the same years (a year the file does not touch is all zeros). */
export function expectedFigures(truth: TrackerTruth) {
  const zero = Object.fromEntries([...committeeMeasures, 'deregistrations'].map((m) => [m, 0]));
  return new Map(years.map((y) => [String(y), truth.years.get(String(y)) ?? (zero as CommitteeFigures)]));
}

/** Problems by row: the row numbers, each with the columns named, for comparing two reports. */
export function problemsByRow(report: Pick<ImportReport, 'problems'>) {
  const rows = new Map<number, string[]>();
  for (const p of report.problems) rows.set(p.row, [...(rows.get(p.row) ?? []), p.column ?? '(row)'].sort());
  return new Map([...rows.entries()].sort(([a], [b]) => a - b));
}

/**
 * Runs `npm run crm -- import …` as a real child process (node --import tsx src/cli/main.ts, as
 * the npm script does) and returns the JSON object on the last line of its stdout.
 */
export async function runCli(args: string[], env: Record<string, string>) {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'crm-import-cli-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        DEMO_DATA: 'false',
        DATA_DIR: dataDir,
        ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`crm ${args.join(' ')} exited ${code}: ${stderr}`);
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(last) as ImportReport;
  } finally {
    if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
  }
}
