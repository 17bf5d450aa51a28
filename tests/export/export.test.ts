import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { calendarFor } from '../../src/calendar/calendar.service.ts';
import { rows } from '../../src/db/rows.ts';
import { demoCampaigns } from '../../src/demo/demo-campaigns.ts';
import { insertDemoPlan } from '../../src/demo/demo.repo.ts';
import { planDemo } from '../../src/demo/plan.ts';
import { eventStaff, events } from '../../src/events/events.table.ts';
import { households } from '../../src/households/households.table.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { panelCases, panels } from '../../src/panels/panels.table.ts';
import { notes } from '../../src/enquiries/activity.table.ts';
import { visits } from '../../src/visits/visits.table.ts';
import { datasets } from '../../src/export/export-dictionary.ts';
import { EXPORT_BATCH_SIZE } from '../../src/export/export.service.ts';
import type { Db } from '../../src/db/client.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { temporaryApprovalExtensions } from '../../src/connected-person/temporary-approval.table.ts';

/** Independent counts: plain SQL per table, for one agency (children of campaigns and events through them). */
const countSql: Record<string, (agencyId: string) => ReturnType<typeof sql>> = {
  households: (a) => sql`select count(*)::int as n from households where agency_id = ${a}`,
  people: (a) => sql`select count(*)::int as n from people where agency_id = ${a}`,
  enquiries: (a) => sql`select count(*)::int as n from enquiries where agency_id = ${a}`,
  'temporary-approval-extensions': (a) =>
    sql`select count(*)::int as n from temporary_approval_extensions where agency_id = ${a}`,
  'stage-events': (a) => sql`select count(*)::int as n from stage_events where agency_id = ${a}`,
  'contact-attempts': (a) => sql`select count(*)::int as n from contact_attempts where agency_id = ${a}`,
  notes: (a) => sql`select count(*)::int as n from notes where agency_id = ${a}`,
  consents: (a) => sql`select count(*)::int as n from consents where agency_id = ${a}`,
  events: (a) => sql`select count(*)::int as n from events where agency_id = ${a}`,
  'event-staff': (a) =>
    sql`select count(*)::int as n from event_staff s join events e on e.id = s.event_id where e.agency_id = ${a}`,
  bookings: (a) => sql`select count(*)::int as n from event_bookings where agency_id = ${a}`,
  visits: (a) => sql`select count(*)::int as n from visits where agency_id = ${a}`,
  panels: (a) => sql`select count(*)::int as n from panels where agency_id = ${a}`,
  'panel-cases': (a) => sql`select count(*)::int as n from panel_cases where agency_id = ${a}`,
  campaigns: (a) => sql`select count(*)::int as n from campaigns where agency_id = ${a}`,
  'campaign-costs': (a) =>
    sql`select count(*)::int as n from campaign_costs c join campaigns p on p.id = c.campaign_id where p.agency_id = ${a}`,
  'campaign-updates': (a) =>
    sql`select count(*)::int as n from campaign_updates c join campaigns p on p.id = c.campaign_id where p.agency_id = ${a}`,
  messages: (a) => sql`select count(*)::int as n from messages where agency_id = ${a}`,
  audit: (a) => sql`select count(*)::int as n from audit_events where agency_id = ${a}`,
  users: (a) => sql`select count(*)::int as n from users where agency_id = ${a}`,
  'exit-surveys': (a) => sql`select count(*)::int as n from exit_surveys where agency_id = ${a}`,
};

async function counts(db: Db, agencyId: string) {
  const result: Record<string, number> = {};
  for (const [name, query] of Object.entries(countSql))
    result[name] = (await rows<{ n: number }>(db, query(agencyId)))[0]!.n;
  return result;
}

/** Every identifier an agency's rows carry, to look for in the other agency's export. */
async function idsOf(db: Db, agencyId: string) {
  const found = await rows<{ id: string }>(
    db,
    sql`select id::text as id from households where agency_id = ${agencyId}
        union all select id::text from people where agency_id = ${agencyId}
        union all select id::text from enquiries where agency_id = ${agencyId}
        union all select id::text from events where agency_id = ${agencyId}
        union all select id::text from event_bookings where agency_id = ${agencyId}
        union all select id::text from visits where agency_id = ${agencyId}
        union all select id::text from panels where agency_id = ${agencyId}
        union all select id::text from panel_cases where agency_id = ${agencyId}
        union all select id::text from campaigns where agency_id = ${agencyId}
        union all select c.id::text from campaign_costs c join campaigns p on p.id = c.campaign_id where p.agency_id = ${agencyId}
        union all select c.id::text from campaign_updates c join campaigns p on p.id = c.campaign_id where p.agency_id = ${agencyId}
        union all select id::text from contact_attempts where agency_id = ${agencyId}
        union all select id::text from notes where agency_id = ${agencyId}
        union all select id::text from messages where agency_id = ${agencyId}
        union all select id::text from users where agency_id = ${agencyId}`,
  );
  return [agencyId, ...found.map((r) => r.id)];
}

/**
 * One agency's data in every table: three-plus years of demo history (households, people,
 * enquiries, stage events, contacts, notes, consents, events, bookings, campaigns, costs, notes),
 * plus the visits, panels, emails and event staff the demo does not make.
 */
async function fillAgency(db: Db, agencyId: string, seed: number, marker: string) {
  const officer = await makeUser(db, agencyId, 'officer');
  const comms = await makeUser(db, agencyId, 'comms');
  const plan = planDemo({
    agencyId,
    officerIds: [officer.id],
    commsId: comms.id,
    campaigns: demoCampaigns,
    calendar: await calendarFor(db),
    now: new Date(),
    seed,
  });
  await insertDemoPlan(db, plan);
  const enquiry = plan.enquiries[0]!;
  const [panel] = await db
    .insert(panels)
    .values({ agencyId, meetsOn: '2025-01-15', chair: `Chair ${marker}` })
    .returning();
  await db
    .insert(panelCases)
    .values({ agencyId, panelId: panel!.id, enquiryId: enquiry.id!, papersSentOn: '2025-01-02' });
  await db.insert(visits).values({
    agencyId,
    enquiryId: enquiry.id!,
    scheduledFor: new Date('2025-01-10T10:00:00Z'),
    officerId: officer.id,
    status: 'completed',
  });
  const [event] = await db
    .select({ id: events.id })
    .from(events)
    .where(sql`${events.agencyId} = ${agencyId}`)
    .limit(1);
  await db.insert(eventStaff).values({ eventId: event!.id, userId: officer.id });
  await db.insert(messages).values({
    agencyId,
    enquiryId: enquiry.id!,
    toAddress: `secret-address-${marker}@example.com`,
    trigger: 'welcome',
    purpose: 'follow_up',
    idempotencyKey: `welcome:${marker}`,
    subject: `SECRET SUBJECT ${marker}`,
    bodyText: `SECRET BODY ${marker}`,
    bodyHtml: `<p>SECRET BODY ${marker}</p>`,
    status: 'failed',
    lastError: `550 <jo-${marker}@example.com>: no such user`,
  });
  // Text a spreadsheet would run as a formula, and a note with a comma, quotes and a line break.
  await db
    .insert(households)
    .values({ agencyId, postcode: 'NR1 3QU', addressLine1: '=HYPERLINK("http://x.test")' });
  await db
    .insert(notes)
    .values({ agencyId, enquiryId: enquiry.id!, body: `Called, "no answer"\nTry again ${marker}` });
  await db.insert(temporaryApprovalExtensions).values({
    agencyId,
    enquiryId: enquiry.id!,
    weeks: 8,
    agreedOn: '2025-01-20',
    agreedBy: `Nominated officer ${marker}`,
    reason: 'Panel booked after the 16 weeks',
  });
}

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
    for (const d of datasets.filter((x) => x.name !== 'event-staff')) {
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
      if (d.name === 'audit' || d.name === 'event-staff') continue;
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
