import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { rows } from '../../src/db/rows.ts';
import { datasets } from '../../src/export/export-dictionary.ts';
import { EXPORT_BATCH_SIZE } from '../../src/export/export.service.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { counts, fillAgency, idsOf } from './export-fixtures.ts';

const datasetFiles = datasets.map((d) => `${d.name}.csv`);

describe('export everything (issue 14, item 7)', () => {
  const ctx = useTestContext();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-export-'));
  let agencyB: string;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  let zipFiles: string[];
  let csvs: Record<string, Record<string, string>[]>;
  let headers: Record<string, string[]>;
  let zipText: string;
  let expectedCounts: Record<string, number>;

  beforeAll(async () => {
    const { db } = ctx().deps;
    agencyB = (await insertAgency(db, { name: 'Southvale', slug: 'southvale' })).id;
    await fillAgency(db, ctx().agencyId, 2026, 'agency-a');
    await fillAgency(db, agencyB, 7, 'agency-b');
    admin = await makeUser(db, ctx().agencyId, 'admin');
    await makeUser(db, agencyB, 'admin');

    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(admin.email, admin.password);
    const page = await browser.get('/admin/export');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Download all data (ZIP)');
    expect(page.body).toContain('audit log');

    const res = await fetch(`${ctx().baseUrl}/admin/export/download`, {
      headers: { cookie: `crm_session=${browser.cookie('crm_session')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="all-data-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const zipPath = path.join(dir, 'export.zip');
    writeFileSync(zipPath, Buffer.from(await res.arrayBuffer()));
    // Counted after the download: its own audit entry is part of it.
    expectedCounts = await counts(db, ctx().agencyId);

    zipFiles = execFileSync('zipinfo', ['-1', zipPath], { encoding: 'utf8' }).trim().split('\n');
    execFileSync('unzip', ['-q', zipPath, '-d', path.join(dir, 'out')]);
    csvs = {};
    headers = {};
    zipText = '';
    for (const file of zipFiles) {
      const text = readFileSync(path.join(dir, 'out', file), 'utf8');
      zipText += text;
      if (!file.endsWith('.csv')) continue;
      expect(text.startsWith('\uFEFF'), `${file} starts with a byte order mark`).toBe(true);
      const parsed: string[][] = parseCsv(text, { bom: true, relax_column_count: false });
      headers[file] = parsed[0]!;
      csvs[file] = parsed.slice(1).map((r) => Object.fromEntries(parsed[0]!.map((h, i) => [h, r[i]!])));
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds a README, the dictionary and one CSV per dataset', () => {
    expect([...zipFiles].sort()).toEqual(['README.md', 'data-dictionary.csv', ...datasetFiles].sort());
  });

  it("counts exactly the admin's agency's rows in every file, in batches", () => {
    const got = Object.fromEntries(datasets.map((d) => [d.name, csvs[`${d.name}.csv`]!.length]));
    expect(got).toEqual(expectedCounts);
    for (const d of datasets) expect(headers[`${d.name}.csv`], d.name).toEqual(Object.keys(d.columns));
    // Several files span more than one batch, so the keyset paging is exercised.
    expect(Math.max(...Object.values(expectedCounts))).toBeGreaterThan(2 * EXPORT_BATCH_SIZE);
    for (const d of datasets.filter((x) => 'id' in x.columns)) {
      const ids = csvs[`${d.name}.csv`]!.map((r) => r.id);
      expect(new Set(ids).size, `${d.name}: no row twice`).toBe(ids.length);
    }
  });

  it("has none of the other agency's identifiers anywhere", async () => {
    const theirs = await idsOf(ctx().deps.db, agencyB);
    expect(theirs.length).toBeGreaterThan(1000);
    const text = zipText.toLowerCase();
    expect(theirs.filter((id) => text.includes(id.toLowerCase()))).toEqual([]);
    expect(text).not.toContain('agency-b');
    expect(text).toContain('agency-a');
  });

  it('describes every file and every column in the dictionary', () => {
    const dictionary = csvs['data-dictionary.csv']!;
    expect(headers['data-dictionary.csv']).toEqual(['file', 'column', 'description']);
    for (const file of datasetFiles) {
      expect(
        dictionary.find((r) => r.file === file && r.column === '')?.description,
        `${file} is described`,
      ).toBeTruthy();
      for (const column of headers[file]!) {
        const entry = dictionary.find((r) => r.file === file && r.column === column);
        expect(entry?.description, `${file} ${column}`).toMatch(/\w{3,}/);
      }
    }
    const readme = readFileSync(path.join(dir, 'out', 'README.md'), 'utf8');
    expect(readme).toContain('Northshire Fostering');
    for (const file of datasetFiles) expect(readme).toContain(file);
  });

  it('keeps email contents out, neutralises formulas and keeps line breaks inside a cell', () => {
    expect(zipText).not.toMatch(/SECRET|secret-address|jo-agency-a@/);
    const message = csvs['messages.csv']!.find((m) => m.last_error?.includes('no such user'));
    expect(message?.last_error).toBe('550 <[address]>: no such user');
    expect(csvs['households.csv']!.map((h) => h.address_line1)).toContain(`'=HYPERLINK("http://x.test")`);
    expect(csvs['notes.csv']!.map((n) => n.body)).toContain('Called, "no answer"\nTry again agency-a');
    expect(zipText).not.toMatch(/\$argon2/);
  });

  it('carries imports, retention, requests and settings, linked by identifier, without the uploaded file', () => {
    const [batch] = csvs['import-batches.csv']!;
    expect(batch).toMatchObject({
      file_name: 'tracker-agency-a.csv',
      status: 'checked',
      file_sha256: 'abc123',
    });
    const household = csvs['households.csv']!.find((h) => h.import_batch_id === batch!.id);
    expect(csvs['legal-holds.csv']).toEqual([
      expect.objectContaining({ household_id: household!.id, reason: 'Complaint agency-a', lifted_at: '' }),
    ]);
    expect(csvs['data-requests.csv']).toEqual([
      expect.objectContaining({ household_id: household!.id, kind: 'subject_access', due_on: '2026-02-05' }),
    ]);
    expect(csvs['retention-schedule.csv']).toEqual([
      expect.objectContaining({ approved_carer_years: '12', enquiry_only_years: '3' }),
    ]);
    expect(csvs['held-submissions.csv']!.map((h) => JSON.parse(h.input!))).toEqual([
      { firstName: 'Held agency-a' },
    ]);
    expect(csvs['targets.csv']).toEqual([
      expect.objectContaining({ kind: 'calendar', year: '2026', carers: '20' }),
    ]);
    expect(csvs['approval-setting-changes.csv']).toEqual([
      expect.objectContaining({ setting: 'timeliness_standard', value: '6', previous_value: '8' }),
    ]);
    // Only this agency's own settings: not the other's, not the installation's.
    expect(csvs['settings.csv']).toEqual([
      expect.objectContaining({ key: `follow_ups:${ctx().agencyId}`, value: '{"welcome":false}' }),
    ]);
    expect(csvs['agency.csv']).toEqual([
      expect.objectContaining({ id: ctx().agencyId, name: 'Northshire Fostering' }),
    ]);
    // The uploaded file's bytes and the import's planned rows stay out (not-exported.ts).
    expect(zipText).not.toMatch(/SECRET FILE|SECRET PLAN/);
  });

  it('records the download in the audit log, without personal data', async () => {
    const audit = csvs['audit.csv']!.filter((r) => r.action === 'data.exported');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(admin.id);
    expect(audit[0]!.entity_id).toBe(ctx().agencyId);
    expect(JSON.parse(audit[0]!.changes!)).toEqual({ format: { to: 'zip' } });
  });

  it('gives the same data as JSON through the API, and audits it too', async () => {
    const { db } = ctx().deps;
    const token = await makeApiToken(db, ctx().agencyId, admin.id);
    const res = await fetch(`${ctx().baseUrl}/api/v1/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      agency: { id: string };
      dictionary: { name: string; columns: Record<string, string> }[];
      datasets: Record<string, Record<string, unknown>[]>;
    };
    expect(body.agency.id).toBe(ctx().agencyId);
    expect(body.dictionary.map((d) => d.name)).toEqual(datasets.map((d) => d.name));
    const now = await counts(db, ctx().agencyId);
    expect(Object.fromEntries(Object.entries(body.datasets).map(([k, v]) => [k, v.length]))).toEqual(now);
    // Everything as in the ZIP but the audit log (the token made above, this request).
    expect({ ...now, audit: 0 }).toEqual({ ...expectedCounts, audit: 0 });
    for (const d of datasets) {
      const json = body.datasets[d.name]!;
      for (const row of json) expect(Object.keys(row)).toEqual(Object.keys(d.columns));
      if (d.name === 'audit' || !('id' in d.columns)) continue;
      expect(json.map((r) => String(r.id)).sort(), d.name).toEqual(
        csvs[`${d.name}.csv`]!.map((r) => r.id).sort(),
      );
    }
    const text = JSON.stringify(body).toLowerCase();
    expect((await idsOf(db, agencyB)).filter((id) => text.includes(id.toLowerCase()))).toEqual([]);
    expect(text).not.toMatch(/secret/);
    const audited = body.datasets.audit!.filter((r) => r.action === 'data.exported');
    expect(audited.map((r) => (r.changes as { format: { to: string } }).format.to)).toEqual(['zip', 'json']);
  });

  it('is for administrators only: 403 for every other role, page, download and API', async () => {
    const { db } = ctx().deps;
    const before = await counts(db, ctx().agencyId);
    for (const role of ['officer', 'manager', 'comms'] as const) {
      const user = await makeUser(db, ctx().agencyId, role);
      const browser = new Browser(ctx().baseUrl);
      await browser.signIn(user.email, user.password);
      expect((await browser.get('/admin/export')).status, role).toBe(403);
      expect((await browser.get('/admin/export/download')).status, role).toBe(403);
      const api = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, user.id));
      expect((await api.get('/export')).status, role).toBe(403);
    }
    const after = await counts(db, ctx().agencyId);
    // Refusals export nothing and record no export (sign-ins and new users are audited as usual).
    const exports = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_events where action = 'data.exported'`,
    );
    expect(exports[0]!.n).toBe(2);
    expect(after.users).toBe(before.users! + 3);
  });
});
