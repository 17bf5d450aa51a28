import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencyIds } from '../../src/agencies/agencies.repo.ts';
import { openPglite, type Database } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import type { ImportReport } from '../../src/imports/import-types.ts';
import { rollbackImport } from '../../src/imports/import-rollback.service.ts';
import { runImport } from '../../src/imports/import.service.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { funnelReport } from '../../src/reports/funnel.service.ts';
import { netCarers } from '../../src/reports/net-carers.service.ts';
import { FunnelQuery, ReportPeriod } from '../../src/reports/reports.schema.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { openTestDatabase, testDbKind, withDatabaseName } from '../helpers/database.ts';
import { apiClient } from '../helpers/http.ts';
import {
  committeeFigures,
  expectedFigures,
  fixtureFiles,
  fixturesDir,
  problemsByRow,
  readFixture,
  runCli,
  snapshotReports,
  years,
} from './import-evidence.ts';
import { committeeMeasures, trackerTruth, type CommitteeFigures } from './tracker-truth.ts';

/**
 * Issue 14's acceptance, on PostgreSQL and on PGlite: a three-year tracker with the mistakes real
 * ones have (tests/fixtures/imports, made by make-tracker.ts) imported into an empty service. The
 * expected figures come from tracker-truth.ts, which reads the CSV on its own (csv-parse and its
 * own date reader), never from the importer.
 */
const truth = trackerTruth(readFixture(fixtureFiles.csv).toString('utf8'));
const expected = expectedFigures(truth);
const fixtureHeaders = readFixture(fixtureFiles.csv).toString('utf8').split('\r\n')[0]!.split(',');

/** What a dry run should gain per year, in the report's field names. */
const gainFields: Record<string, keyof CommitteeFigures> = {
  enquiries: 'enquiries',
  initialVisits: 'initial_visits',
  applications: 'applications',
  applicationsEnded: 'applications_ended',
  approvals: 'approvals',
  transfersIn: 'transfers_in',
  deregistrations: 'deregistrations',
};

function expectGainsToMatchTruth(report: ImportReport) {
  for (const gain of report.gains) {
    const figures = truth.years.get(gain.year.slice(0, 4));
    expect(figures, `a gain in ${gain.year}, a year the file does not touch`).toBeDefined();
    for (const [field, measure] of Object.entries(gainFields)) {
      const value = (gain as unknown as Record<string, number | undefined>)[field];
      if (value !== undefined) expect(value, `${gain.year} ${field}`).toBe(figures![measure]);
    }
  }
  expect(report.gains.map((g) => g.year.slice(0, 4))).toEqual([...truth.years.keys()]);
}

// Each import of 600 rows takes seconds; on a machine shared with other work, many times that.
describe('importing a three-year tracker (issue 14 acceptance)', { timeout: 120_000 }, () => {
  const ctx = useTestContext();
  let api: ReturnType<typeof apiClient>;
  let manager: Actor;
  let empty: Record<string, unknown>;
  const run = (file: string, dryRun: boolean) =>
    runImport(ctx().deps.db, manager, { file: readFixture(file), fileName: file, mapping: 'auto', dryRun });
  const snapshot = () => snapshotReports(ctx().deps.db, ctx().agencyId, api);

  beforeAll(async () => {
    const { db } = ctx().deps;
    const user = await makeUser(db, ctx().agencyId, 'manager');
    manager = { agencyId: ctx().agencyId, userId: user.id, role: 'manager' };
    api = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, user.id));
    empty = await snapshot();
  });

  it('starts from an empty service: no demo data, every committee figure 0', () => {
    for (const figures of committeeFigures(empty).values())
      expect(Object.values(figures).every((n) => n === 0)).toBe(true);
  });

  it('the dry run names every bad row the independent count finds, nothing else, and writes nothing', async () => {
    const report = await run(fixtureFiles.csv, true);
    expect(report.dryRun).toBe(true);
    expect(report.rows).toBe(truth.rows);
    expect(report.ready).toBe(truth.ready);
    expect(report.imported).toBe(0);
    expect([...problemsByRow(report).keys()]).toEqual([...truth.problems.keys()]);
    for (const problem of report.problems) expect(problem.message.length).toBeGreaterThan(10);
    // Repeated rows (typed in twice, or the same person entered again) are likely duplicates of the
    // row they repeat: listed, not problems, and not imported.
    expect([...new Set(report.duplicates.map((d) => d.row))]).toEqual([...truth.duplicates.keys()]);
    for (const [row, earlier] of truth.duplicates)
      expect(report.duplicates).toContainEqual(expect.objectContaining({ row, of: { row: earlier } }));
    for (const problem of report.problems) expect(fixtureHeaders).toContain(problem.column);
    expectGainsToMatchTruth(report);
    expect(await snapshot()).toEqual(empty);
  });

  it('the XLSX and Windows-1252 files give the same dry run as the UTF-8 CSV', async () => {
    const csv = await run(fixtureFiles.csv, true);
    for (const file of [fixtureFiles.xlsx, fixtureFiles.windows1252]) {
      const other = await run(file, true);
      expect({ rows: other.rows, ready: other.ready }, file).toEqual({ rows: csv.rows, ready: csv.ready });
      expect(problemsByRow(other), file).toEqual(problemsByRow(csv));
      expect(other.gains, file).toEqual(csv.gains);
      expect(other.duplicates, file).toEqual(csv.duplicates);
    }
  });

  /** Who the import wrote, by name and contact details: must not depend on the file's format. */
  const people = () =>
    rows<{ person: string }>(
      ctx().deps.db,
      sql`select concat_ws(' | ', first_name, last_name, email, phone) as person from people
          where import_batch_id is not null order by 1`,
    ).then((found) => found.map((p) => p.person));
  let csvPeople: string[];

  let imported: ImportReport;
  it('imports, and each financial year’s committee table equals the independent count', async () => {
    imported = await run(fixtureFiles.csv, false);
    expect(imported.dryRun).toBe(false);
    expect(imported.imported).toBe(truth.ready);
    expect([...problemsByRow(imported).keys()]).toEqual([...truth.problems.keys()]);
    const after = await snapshot();
    expect(committeeFigures(after)).toEqual(expected);
    csvPeople = await people();
    expect(csvPeople).toHaveLength(truth.ready);
    expect(csvPeople.some((p) => p.includes('Zoë') || p.includes('O’Brien') || p.includes("O'Brien"))).toBe(
      true,
    );
    // Spot check of the API's own shape: the comparison column of a year is the year before.
    for (const year of years.slice(1)) {
      const funnel = after[`funnel ${year}`] as { comparison: { totals: Record<string, number> } };
      for (const m of committeeMeasures)
        expect(funnel.comparison.totals[m], `${year} comparison ${m}`).toBe(
          expected.get(String(year - 1))![m],
        );
    }
  });

  it('rolling the batch back restores every report figure exactly', async () => {
    await rollbackImport(ctx().deps.db, manager, imported.batchId);
    expect(await snapshot()).toEqual(empty);
  });

  it('the XLSX and Windows-1252 files import to the same figures, and roll back cleanly', async () => {
    for (const file of [fixtureFiles.xlsx, fixtureFiles.windows1252]) {
      const report = await run(file, false);
      expect(report.imported, file).toBe(truth.ready);
      expect([...problemsByRow(report).keys()], file).toEqual([...truth.problems.keys()]);
      expect(committeeFigures(await snapshot()), file).toEqual(expected);
      expect(await people(), file).toEqual(csvPeople);
      await rollbackImport(ctx().deps.db, manager, report.batchId);
      expect(await snapshot(), file).toEqual(empty);
    }
  });

  it('imports through the CLI (`crm import --mapping auto --json`) into a database of its own', async () => {
    const { database, env, cleanup } = await cliDatabase();
    try {
      const file = path.join(fixturesDir, fixtureFiles.csv);
      const dry = await runCli(['import', '--file', file, '--mapping', 'auto', '--dry-run', '--json'], env);
      expect({ dryRun: dry.dryRun, rows: dry.rows, ready: dry.ready, imported: dry.imported }).toEqual({
        dryRun: true,
        rows: truth.rows,
        ready: truth.ready,
        imported: 0,
      });
      // `--mapping auto` accepts the proposal: only the two statuses put there to be unknowable are unplaced.
      expect((dry as unknown as { unmappedValues: unknown }).unmappedValues).toEqual({
        status: ['parked', 'see email from sandra'],
        reason: [],
        channel: [],
        route: [],
      });
      const report = await runCli(['import', '--file', file, '--mapping', 'auto', '--json'], env);
      expect(report.imported).toBe(truth.ready);
      expect([...new Set(report.problems.map((p) => p.row))]).toEqual([...truth.problems.keys()]);
      const db = await database();
      const [agencyId] = await agencyIds(db.db);
      await refreshAgency(db.db, agencyId!, { full: true });
      for (const year of years) {
        const funnel = await funnelReport(db.db, agencyId!, parse(FunnelQuery, { year: String(year) }));
        const net = await netCarers(db.db, agencyId!, parse(ReportPeriod, { year: String(year) }));
        const figures = Object.fromEntries(committeeMeasures.map((m) => [m, funnel.measures[m].total]));
        expect({ ...figures, deregistrations: net.deregistrations.total }, String(year)).toEqual(
          expected.get(String(year)),
        );
      }
    } finally {
      await cleanup();
    }
  }, 300_000); // two child processes, each migrating and (on PGlite) running WASM PostgreSQL
});

/**
 * A database for the CLI child process: on PostgreSQL a fresh copy of the test template, reached
 * by DATABASE_URL; on PGlite a data directory the child opens (PGlite allows one process, so the
 * test opens it only after the child has exited).
 */
async function cliDatabase(): Promise<{
  database: () => Promise<Database>;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}> {
  if (testDbKind() === 'postgres') {
    const database = await openTestDatabase();
    const [row] = await rows<{ name: string }>(database.db, sql`select current_database() as name`);
    const url = withDatabaseName(process.env.TEST_DATABASE_URL!, row!.name);
    return { database: async () => database, env: { DATABASE_URL: url }, cleanup: () => database.close() };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-import-cli-'));
  let opened: Database | undefined;
  return {
    database: async () => (opened = await openPglite(path.join(dataDir, 'pglite'))),
    env: { DATA_DIR: dataDir },
    cleanup: async () => {
      await opened?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
