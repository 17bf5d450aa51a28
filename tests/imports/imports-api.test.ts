import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { saveImportMapping } from '../../src/imports/import.service.ts';
import { MAX_IMPORT_BYTES } from '../../src/imports/imports.schema.ts';
import type { Role } from '../../src/shared/roles.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';
import { expectedProblems, postImport, secondCsv, trackerCsv } from './import-fixtures.ts';

const tracker = { name: 'tracker.csv', content: trackerCsv };

describe('the tracker import through the API (issue 14 §6)', () => {
  const ctx = useTestContext();
  const tokens = {} as Record<Role, string>;

  const enquiryCount = async () =>
    (
      await rows<{ n: number }>(
        ctx().deps.db,
        sql`select count(*)::int as n from enquiries where agency_id = ${ctx().agencyId}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    for (const role of ['officer', 'manager', 'comms', 'admin'] as const) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      tokens[role] = await makeApiToken(ctx().deps.db, ctx().agencyId, user.id);
    }
  });

  it('dry run: names every bad row by row, column and value, and writes no household', async () => {
    const res = await postImport(ctx().baseUrl, tokens.manager, { file: tracker }, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, status: 'checked', rows: 4, ready: 2, imported: 0 });
    expect(res.body.batchId).toMatch(/^[0-9a-f-]{36}$/);
    for (const problem of expectedProblems) {
      expect(res.body.problems).toContainEqual(expect.objectContaining(problem));
    }
    expect(new Set(res.body.problems.map((p: { row: number }) => p.row))).toEqual(new Set([4, 5]));
    expect(res.body.unmappedValues.channel).toEqual(['leaflet']);
    expect(res.body.mapping.columns).toMatchObject({
      Name: 'fullName',
      Source: 'channel',
      'IV date': 'initialVisitDate',
    });
    expect(await enquiryCount()).toBe(0);
  });

  it('imports with a confirmed mapping, and GET shows the batch and its report', async () => {
    const dry = await postImport(ctx().baseUrl, tokens.admin, { file: tracker }, '?dryRun=true');
    expect(dry.status).toBe(200);
    const mapping = dry.body.mapping;
    mapping.values.channel.leaflet = 'other';
    const res = await postImport(ctx().baseUrl, tokens.manager, {
      file: tracker,
      mapping: JSON.stringify(mapping),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, status: 'imported', rows: 4, ready: 3, imported: 3 });
    expect(res.body.problems.map((p: { row: number }) => p.row)).toEqual([4]);
    expect(await enquiryCount()).toBe(3);

    const api = apiClient(ctx().baseUrl, tokens.admin);
    const got = await api.get(`/imports/${res.body.batchId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      batchId: res.body.batchId,
      status: 'imported',
      rows: 4,
      ready: 3,
      imported: 3,
    });
    expect(got.body.progress).toEqual({ written: 3, total: 3 });
    expect(got.body.report.problems).toHaveLength(1);
    expect((await api.get(`/imports/${res.body.batchId}?verbose=1`)).status).toBe(422);

    // Worked on since: a note on an imported household blocks the rollback, which removes nothing.
    const [imported] = await rows<{ id: string }>(
      ctx().deps.db,
      sql`select id from enquiries where import_batch_id = ${res.body.batchId} limit 1`,
    );
    const manager = apiClient(ctx().baseUrl, tokens.manager);
    expect((await manager.post(`/enquiries/${imported!.id}/notes`, { body: 'Called back' })).status).toBe(
      201,
    );
    const blocked = await manager.post(`/imports/${res.body.batchId}/rollback`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('conflict');
    expect(blocked.body.error.blockers).toContainEqual(expect.objectContaining({ kind: 'notes', n: 1 }));
    expect(await enquiryCount()).toBe(3);
  });

  it('rolls back an import nobody has touched: its households are gone, the batch says so', async () => {
    const before = await enquiryCount();
    const res = await postImport(ctx().baseUrl, tokens.manager, {
      file: { name: 'second.csv', content: secondCsv },
      mapping: 'auto',
    });
    expect(res.body).toMatchObject({ status: 'imported', imported: 2 });
    expect(await enquiryCount()).toBe(before + 2);
    const api = apiClient(ctx().baseUrl, tokens.manager);
    const rolled = await api.post(`/imports/${res.body.batchId}/rollback`);
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ batchId: res.body.batchId, status: 'rolled_back' });
    expect(await enquiryCount()).toBe(before);
    expect((await api.post(`/imports/${res.body.batchId}/rollback`)).status).toBe(409);
  });

  it('takes a mapping saved by name (mappingName), and refuses an unknown one or both at once', async () => {
    const dry = await postImport(ctx().baseUrl, tokens.manager, { file: tracker }, '?dryRun=true');
    const saved = {
      ...dry.body.mapping,
      values: { ...dry.body.mapping.values, channel: { leaflet: 'other' } },
    };
    const actor = { agencyId: ctx().agencyId, userId: null, role: 'manager' as const };
    await saveImportMapping(ctx().deps.db, actor, 'Monthly tracker', saved);
    const named = await postImport(
      ctx().baseUrl,
      tokens.manager,
      { file: tracker, mappingName: 'Monthly tracker' },
      '?dryRun=true',
    );
    expect(named.status).toBe(200);
    // "Leaflet" now has a meaning: only the impossible date is left (the rows imported above are
    // duplicates by now, so none is ready).
    expect(named.body.problems.map((p: { row: number }) => p.row)).toEqual([4]);
    expect(named.body.mapping.values.channel.leaflet).toBe('other');
    const unknown = await postImport(ctx().baseUrl, tokens.manager, { file: tracker, mappingName: 'Weekly' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues[0].path).toBe('mappingName');
    const both = await postImport(ctx().baseUrl, tokens.manager, {
      file: tracker,
      mappingName: 'Monthly tracker',
      mapping: JSON.stringify(saved),
    });
    expect(both.status).toBe(422);
    expect(both.body.error.issues[0].path).toBe('mappingName');
  });

  it('reads the chosen sheet of an Excel workbook, and names an unknown sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['Nothing to see here']);
    const sheet = workbook.addWorksheet('2024-25');
    for (const line of trackerCsv.split('\r\n')) sheet.addRow(line.split(','));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const file = { name: 'tracker.xlsx', content: xlsx };
    const read = await postImport(ctx().baseUrl, tokens.manager, { file, sheet: '2024-25' }, '?dryRun=true');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ rows: 4, fileName: 'tracker.xlsx' });
    expect(read.body.problems.map((p: { row: number }) => p.row).sort()).toEqual([4, 5]);
    const missing = await postImport(
      ctx().baseUrl,
      tokens.manager,
      { file, sheet: '2025-26' },
      '?dryRun=true',
    );
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues[0].path).toBe('sheet');
  });

  it('refuses bad input with 4xx and field messages, writing nothing', async () => {
    const before = await enquiryCount();
    const url = ctx().baseUrl;
    const noFile = await postImport(url, tokens.manager, {});
    expect(noFile.status).toBe(422);
    expect(noFile.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['file']);

    const picture = await postImport(url, tokens.manager, { file: { name: 'photo.png', content: 'PNG' } });
    expect(picture.status).toBe(422);
    expect(picture.body.error.issues[0]).toMatchObject({ path: 'file' });
    expect(picture.body.error.issues[0].message).toContain('.csv');

    const binary = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const xls = await postImport(url, tokens.manager, { file: { name: 'tracker.csv', content: binary } });
    expect(xls.status).toBe(422);
    expect(xls.body.error.issues[0].path).toBe('file');

    const badJson = await postImport(url, tokens.manager, { file: tracker, mapping: '{columns:' });
    expect(badJson.status).toBe(422);
    expect(badJson.body.error.issues[0].path).toBe('mapping');
    const badField = await postImport(url, tokens.manager, {
      file: tracker,
      mapping: JSON.stringify({ columns: { Name: 'shoeSize' }, values: {}, dateOrder: 'dmy' }),
    });
    expect(badField.status).toBe(422);
    expect(badField.body.error.issues.some((i: { path: string }) => i.path.startsWith('mapping.'))).toBe(
      true,
    );

    const unknown = await postImport(url, tokens.manager, { file: tracker }, '?dryRun=true&verbose=1');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues).toEqual([{ path: 'verbose', message: 'This field is not allowed' }]);
    const notBoolean = await postImport(url, tokens.manager, { file: tracker }, '?dryRun=yes');
    expect(notBoolean.status).toBe(422);
    expect(notBoolean.body.error.issues[0].path).toBe('dryRun');

    const json = await apiClient(url, tokens.manager).post('/imports', { file: 'tracker.csv' });
    expect(json.status).toBe(422);
    expect(json.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['file']);
    expect(await enquiryCount()).toBe(before);
  });

  it('answers a file over the limit with a 413 that says what to do', async () => {
    const big = Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a');
    const res = await postImport(ctx().baseUrl, tokens.manager, { file: { name: 'huge.csv', content: big } });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'too_large', issues: [{ path: 'file' }] });
    expect(res.body.error.message).toContain('20 MB');
  });

  it('lets managers and administrators import; officers and comms get 403, no token 401', async () => {
    for (const role of ['officer', 'comms'] as const) {
      const res = await postImport(ctx().baseUrl, tokens[role], { file: tracker }, '?dryRun=true');
      expect(res.status, role).toBe(403);
    }
    expect((await postImport(ctx().baseUrl, undefined, { file: tracker }, '?dryRun=true')).status).toBe(401);
    const batches = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from import_batches where agency_id = ${ctx().agencyId}`,
    );
    const dry = await postImport(ctx().baseUrl, tokens.admin, { file: tracker }, '?dryRun=true');
    expect(dry.status).toBe(200);
    const after = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from import_batches where agency_id = ${ctx().agencyId}`,
    );
    expect(after[0]!.n).toBe(batches[0]!.n + 1);
    expect((await apiClient(ctx().baseUrl, tokens.officer).get(`/imports/${dry.body.batchId}`)).status).toBe(
      403,
    );
  });

  it('Idempotency-Key: the same upload twice is one batch; another file under the same key is a 422', async () => {
    const key = { 'Idempotency-Key': 'import-tracker-0001' };
    const first = await postImport(ctx().baseUrl, tokens.manager, { file: tracker }, '?dryRun=true', key);
    const again = await postImport(ctx().baseUrl, tokens.manager, { file: tracker }, '?dryRun=true', key);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.batchId).toBe(first.body.batchId);
    const other = await postImport(
      ctx().baseUrl,
      tokens.manager,
      { file: { name: 'tracker.csv', content: secondCsv } },
      '?dryRun=true',
      key,
    );
    expect(other.status).toBe(422);
    expect(other.body.error.issues[0].path).toBe('Idempotency-Key');
  });
});
