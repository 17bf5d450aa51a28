import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { trackerCsv } from './import-fixtures.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'crm-import-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const trackerFile = path.join(dataDir, 'tracker.csv');
writeFileSync(trackerFile, trackerCsv);

/** `npm run crm -- import …` on the embedded database in `dataDir`, as an operator runs it. */
const cli = (...args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env,
  });
};

const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

async function inDatabase<T>(query: ReturnType<typeof sql>) {
  const database = await openPglite(path.join(dataDir, 'pglite'));
  try {
    return await rows<T>(database.db, query);
  } finally {
    await database.close();
  }
}

describe('npm run crm -- import (CONTRACT.md)', () => {
  let mapping: Record<string, unknown> & { values: { channel: Record<string, string> } };

  it('--dry-run --json: the last line is the report, and nothing is imported', () => {
    const run = cli('--file', trackerFile, '--dry-run', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = lastLine(run.stdout);
    expect(report).toMatchObject({ dryRun: true, rows: 4, ready: 2, imported: 0, duplicates: [] });
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'batchId',
        'dryRun',
        'rows',
        'ready',
        'imported',
        'problems',
        'duplicates',
        'mapping',
      ]),
    );
    expect(report.problems.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [4, 'Enquiry date'],
      [5, 'Source'],
    ]);
    mapping = report.mapping;
  }, 120_000);

  it('without --mapping, refuses to import while a value is unrecognised, and says which', async () => {
    const run = cli('--file', trackerFile);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Not imported');
    expect(run.stdout).toContain('"leaflet"');
    expect(run.stdout).toContain('row 4, Enquiry date "31/02/2024"');
    const [count] = await inDatabase<{ n: number }>(sql`select count(*)::int as n from enquiries`);
    expect(count!.n).toBe(0);
  }, 120_000);

  it('--mapping M.json imports the rows ready and brings the report figures up to date', async () => {
    mapping.values.channel.leaflet = 'other';
    const mappingFile = path.join(dataDir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify(mapping));
    const run = cli('--file', trackerFile, '--mapping', mappingFile, '--json');
    expect(run.status).toBe(0);
    const report = lastLine(run.stdout);
    expect(report).toMatchObject({ dryRun: false, rows: 4, ready: 3, imported: 3 });
    const [count] = await inDatabase<{ n: number }>(
      sql`select count(*)::int as n from enquiries where import_batch_id = ${report.batchId}`,
    );
    expect(count!.n).toBe(3);
    // The committee table counts them: 3 enquiries in 2024's roll-ups (May, June, July).
    const [counted] = await inDatabase<{ n: number }>(
      sql`select coalesce(sum(n), 0)::int as n from metric_counts where measure = 'enquiries'`,
    );
    expect(counted!.n).toBe(3);
  }, 120_000);

  it('bad input exits non-zero with a message naming what to fix', () => {
    const missing = cli('--file', path.join(dataDir, 'nope.csv'), '--json');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.csv');
    const noFile = cli('--json');
    expect(noFile.status).toBe(1);
    expect(noFile.stderr).toContain('--file');
    const unknownOption = cli('--file', trackerFile, '--force');
    expect(unknownOption.status).toBe(1);
    expect(unknownOption.stderr).toContain('--force');
    const badMapping = path.join(dataDir, 'bad.json');
    writeFileSync(badMapping, '{ not json');
    const bad = cli('--file', trackerFile, '--mapping', badMapping);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not JSON');
  }, 120_000);
});
