import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { MAX_IMPORT_BYTES } from '../../src/imports/imports.schema.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { postImport, secondCsv, trackerCsv } from './import-fixtures.ts';

/** Posts the upload form as a browser does: multipart, with the page's CSRF and single-use tokens. */
async function upload(
  baseUrl: string,
  browser: Browser,
  file: { name: string; content: string | Buffer } | undefined,
  tokens: { csrf?: string; submission?: string },
) {
  const form = new FormData();
  if (tokens.csrf) form.append('_csrf', tokens.csrf);
  if (tokens.submission) form.append('_submission', tokens.submission);
  form.append('sheet', '');
  if (file) form.append('file', new Blob([new Uint8Array(Buffer.from(file.content))]), file.name);
  const res = await fetch(`${baseUrl}/imports`, {
    method: 'POST',
    headers: { cookie: `crm_session=${browser.cookie('crm_session')}`, accept: 'text/html' },
    body: form,
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

const tokensOf = (html: string) => ({
  csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1],
  submission: /name="_submission" value="([^"]+)"/.exec(html)?.[1],
});

describe('the import pages (issue 14 §6)', () => {
  const ctx = useTestContext();
  let manager: Browser;
  let page = '';

  const batchCount = async () =>
    (
      await rows<{ n: number }>(
        ctx().deps.db,
        sql`select count(*)::int as n from import_batches where agency_id = ${ctx().agencyId}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    manager = new Browser(ctx().baseUrl);
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    await manager.signIn(user.email, user.password);
    page = (await manager.get('/imports')).body;
  });

  it('an upload posted twice (a double click) makes one batch; another file with the same form is a new one', async () => {
    const tokens = tokensOf(page);
    const file = { name: 'tracker.csv', content: trackerCsv };
    const first = await upload(ctx().baseUrl, manager, file, tokens);
    expect(first.status).toBe(303);
    expect(first.location).toMatch(/^\/imports\/[0-9a-f-]{36}\/mapping$/);
    const again = await upload(ctx().baseUrl, manager, file, tokens);
    expect(again.status).toBe(303);
    expect(again.location).toBe(first.location);
    expect(await batchCount()).toBe(1);
    const other = await upload(
      ctx().baseUrl,
      manager,
      { name: 'other.csv', content: `${trackerCsv}\r\n` },
      tokens,
    );
    expect(other.status).toBe(303);
    expect(other.location).not.toBe(first.location);
    expect(await batchCount()).toBe(2);

    const mapping = await manager.get(first.location!);
    expect(mapping.status).toBe(200);
    expect(mapping.body).toContain('Match the columns');
    expect(mapping.body).toContain('Ann Able, Ben Brown, Cat Cole');
  });

  it('refuses a file over 20 MB with a 413 page that says why, and writes nothing', async () => {
    const before = await batchCount();
    const big = { name: 'huge.csv', content: Buffer.alloc(MAX_IMPORT_BYTES + 10, 'a') };
    const res = await upload(ctx().baseUrl, manager, big, tokensOf(page));
    expect(res.status).toBe(413);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('larger than 20 MB');
    expect(res.body).toContain('href="#file"');
    expect(await batchCount()).toBe(before);
  });

  it('asks for a CSV or XLSX file, and refuses an upload without the form’s CSRF token', async () => {
    const before = await batchCount();
    const picture = await upload(
      ctx().baseUrl,
      manager,
      { name: 'photo.jpg', content: 'JPEG' },
      tokensOf(page),
    );
    expect(picture.status).toBe(422);
    expect(picture.body).toContain('must be a CSV file (.csv) or an Excel workbook (.xlsx)');
    const forged = await upload(ctx().baseUrl, manager, { name: 'tracker.csv', content: trackerCsv }, {});
    expect(forged.status).toBe(403);
    expect(await batchCount()).toBe(before);
  });

  it('the problems download is CSV that Excel will not run as formulas', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const token = await makeApiToken(ctx().deps.db, ctx().agencyId, user.id);
    const hostile = `${trackerCsv}\r\nEd Evil,"=HYPERLINK(""http://x.example"")",Phone,NR9 9EE,,Enquiry,ed@example.org`;
    const dry = await postImport(
      ctx().baseUrl,
      token,
      { file: { name: 'hostile.csv', content: hostile } },
      '?dryRun=true',
    );
    expect(dry.status).toBe(200);
    const csv = await manager.get(`/imports/${dry.body.batchId}/problems.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('hostile-problems.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Row,Column,Value,What to fix');
    expect(lines.some((l) => l.startsWith('4,Enquiry date,31/02/2024,'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`6,Enquiry date,"'=HYPERLINK(""http://x.example"")",`))).toBe(true);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('leaves likely duplicates out, unless the person chooses to import them as well', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const token = await makeApiToken(ctx().deps.db, ctx().agencyId, user.id);
    const twice = [
      'Name,Enquiry date,Source,Postcode,Email',
      'Gus Grey,02/02/2025,Phone,NR7 7GG,gus.grey@example.org',
      'Gus Grey,09/02/2025,Phone,NR7 7GG,gus.grey@example.org',
    ].join('\r\n');
    const dry = await postImport(
      ctx().baseUrl,
      token,
      { file: { name: 'twice.csv', content: twice } },
      '?dryRun=true',
    );
    expect(dry.body).toMatchObject({
      rows: 2,
      ready: 1,
      duplicates: [{ row: 3, of: { row: 2 }, matchedOn: 'email, name and postcode' }],
    });
    const batchPage = await manager.get(`/imports/${dry.body.batchId}`);
    expect(batchPage.body).toContain('Import these rows as well');
    expect(batchPage.body).toMatch(/Import 1 household\s*</);
    const chosen = await manager.post(`/imports/${dry.body.batchId}/duplicates`, { include: 'yes' });
    expect(chosen.status).toBe(303);
    const after = await manager.get(`/imports/${dry.body.batchId}`);
    expect(after.body).toContain('Import 2 households');
    expect(after.body).toContain('Leave these rows out');
    expect((await manager.post(`/imports/${dry.body.batchId}/duplicates`, { include: 'maybe' })).status).toBe(
      422,
    );
  });

  it('a blocked roll back lists what blocks it (409) and removes nothing', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const token = await makeApiToken(ctx().deps.db, ctx().agencyId, user.id);
    const file = { name: 'blocked.csv', content: secondCsv };
    const done = await postImport(ctx().baseUrl, token, { file, mapping: 'auto' });
    expect(done.body).toMatchObject({ status: 'imported', imported: 2 });
    const [enquiry] = await rows<{ id: string }>(
      ctx().deps.db,
      sql`select id from enquiries where import_batch_id = ${done.body.batchId} limit 1`,
    );
    const api = apiClient(ctx().baseUrl, token);
    expect((await api.post(`/enquiries/${enquiry!.id}/notes`, { body: 'Rang back' })).status).toBe(201);

    const confirm = await manager.get(`/imports/${done.body.batchId}/rollback`);
    expect(confirm.body).toContain('Roll back this import?');
    const blocked = await manager.post(`/imports/${done.body.batchId}/rollback`, {});
    expect(blocked.status).toBe(409);
    expect(blocked.body).toContain('govuk-error-summary');
    expect(blocked.body).toContain('What stops the roll back');
    expect(blocked.body).toContain('Notes added (1)');
    const batch = await api.get(`/imports/${done.body.batchId}`);
    expect(batch.body).toMatchObject({ status: 'imported', imported: 2 });
  });

  it('is for managers and administrators only', async () => {
    for (const role of ['officer', 'comms'] as const) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      const browser = new Browser(ctx().baseUrl);
      await browser.signIn(user.email, user.password);
      expect((await browser.get('/imports')).status, role).toBe(403);
    }
    const admin = await makeUser(ctx().deps.db, ctx().agencyId, 'admin');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(admin.email, admin.password);
    expect((await browser.get('/imports')).status).toBe(200);
    expect((await browser.get('/admin/system')).body).toContain('href="/imports"');
  });
});
