import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { addMonths } from '../../src/calendar/dates.ts';
import { rows } from '../../src/db/rows.ts';
import { placeLegalHold } from '../../src/retention/legal-holds.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { TEST_PASSWORD, fictionalPhone, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser, apiClient } from '../helpers/http.ts';
import { ago, plantHousehold } from '../retention/history.ts';

/**
 * Erasure on request (UK GDPR art. 17; issue 15 §4) and transfer out (reg. 32) on PostgreSQL and
 * PGlite: refused with the rule (reg. 32, a legal hold), or done with the figures unchanged.
 */
describe('erasure and transfer out', () => {
  const ctx = useTestContext();
  const tag = randomBytes(3).toString('hex');
  let manager: Actor & { userId: string };
  let api: ReturnType<typeof apiClient>;
  let managerEmail = '';

  beforeAll(async () => {
    const { db } = ctx().deps;
    const user = await makeUser(db, ctx().agencyId, 'manager');
    manager = { agencyId: ctx().agencyId, userId: user.id, role: 'manager' };
    managerEmail = user.email;
    api = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, user.id));
  });

  const plant = (key: string, receivedOn: string, steps: Parameters<typeof plantHousehold>[5]) =>
    plantHousehold(ctx().deps.db, manager, tag, key, receivedOn, steps, fictionalPhone());

  /** What the reports count for a household: its events and its enquiry's attribution. */
  const counted = (householdId: string) =>
    rows(
      ctx().deps.db,
      sql`select e.received_at::text, e.channel, e.route, e.campaign_code, e.stage, s.stage as event, s.at::text as at, s.reason
          from enquiries e join stage_events s on s.enquiry_id = e.id where e.household_id = ${householdId} order by s.id`,
    );

  it('erases an enquiry that never became an application: personal data gone, counted events unchanged', async () => {
    const { db } = ctx().deps;
    const h = await plant('erase', ago(1, 60), [
      { to: 'closed', on: ago(1, 30), reason: 'AW1', note: 'Said not for them now' },
    ]);
    const before = await counted(h.householdId);
    const res = await api.post(`/households/${h.householdId}/erasure`, {
      reason: `Asked by email by ${h.firstName} ${h.lastName}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.erased.length).toBeGreaterThan(0);
    expect(res.body.kept[0].why).toMatch(/figures/);
    expect(await counted(h.householdId)).toEqual(before);
    const text = JSON.stringify(
      await rows(
        db,
        sql`select p.*, n.body from people p left join enquiries e on e.household_id = p.household_id left join notes n on n.enquiry_id = e.id where p.household_id = ${h.householdId}`,
      ),
    );
    const mail = JSON.stringify(
      await rows(
        db,
        sql`select m.* from messages m join enquiries e on e.id = m.enquiry_id where e.household_id = ${h.householdId}`,
      ),
    );
    expect(mail).toContain('"trigger":"welcome"');
    for (const value of [h.firstName, h.lastName, h.email, 'First call with']) {
      expect(text, value).not.toContain(value);
      expect(mail, value).not.toContain(value);
    }
    const search = await api.get(`/subject-access?email=${encodeURIComponent(h.email)}`);
    expect(search.body.households).toEqual([]);
    const [request] = await rows<{ kind: string; status: string; outcome: string }>(
      db,
      sql`select kind, status, outcome from data_requests where id = ${res.body.requestId}`,
    );
    // The reason is kept on the request, without the person's name.
    expect(request).toEqual({
      kind: 'erasure',
      status: 'completed',
      outcome: 'Asked by email by Anonymised',
    });
    const again = await api.post(`/households/${h.householdId}/erasure`, { reason: 'Twice' });
    expect(again.status).toBe(409);
  });

  it('refuses with 409 while reg. 32 keeps a withdrawn application (3 years from withdrawal)', async () => {
    const closedOn = ago(1, 10);
    const h = await plant('withdrawn', ago(1, 250), [
      { to: 'initial_visit', on: ago(1, 200) },
      { to: 'application', on: ago(1, 150) },
      { to: 'closed', on: closedOn, reason: 'AW3' },
    ]);
    const res = await api.post(`/households/${h.householdId}/erasure`, { reason: 'Asked by phone' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('reg. 32');
    // Withdrawn on closedOn: kept until the same date three years later.
    expect(res.body.error.keepUntil).toBe(addMonths(closedOn, 36));
    expect(res.body.error.message).toContain(addMonths(closedOn, 36));
    const [person] = await rows<{ first_name: string }>(
      ctx().deps.db,
      sql`select first_name from people where household_id = ${h.householdId}`,
    );
    expect(person!.first_name).toBe(h.firstName);
    const [logged] = await rows<{ status: string }>(
      ctx().deps.db,
      sql`select status from data_requests where household_id = ${h.householdId} and kind = 'erasure'`,
    );
    expect(logged!.status).toBe('refused');
  });

  it('refuses with 409 while the carer is approved: reg. 32 counts 10 years from the end of approval', async () => {
    const h = await plant('approved', ago(2, 0), [
      { to: 'initial_visit', on: ago(2, -30) },
      { to: 'application', on: ago(2, -60) },
      { to: 'assessment', on: ago(2, -90) },
      { to: 'panel', on: ago(2, -200) },
      { to: 'approved', on: ago(2, -220) },
    ]);
    const res = await api.post(`/households/${h.householdId}/erasure`, { reason: 'Asked by email' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('while the approval lasts');
    expect(res.body.error.message).toContain('reg. 32: 10 years from the end of approval');
    expect(res.body.error.keepUntil).toBeNull();
  });

  it('refuses with 409 while a legal hold is in force, even with no retention duty', async () => {
    const h = await plant('hold', ago(1, 60), []);
    await placeLegalHold(ctx().deps.db, manager, h.householdId, { reason: 'Complaint under investigation' });
    const res = await api.post(`/households/${h.householdId}/erasure`, { reason: 'Asked by letter' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/legal hold/);
    expect(res.body.error.legalHold).toBe(true);
  });

  it('checks roles, agencies and input', async () => {
    const { db } = ctx().deps;
    const h = await plant('access', ago(0, 30), []);
    const officer = await makeUser(db, ctx().agencyId, 'officer');
    const officerApi = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, officer.id));
    expect((await officerApi.post(`/households/${h.householdId}/erasure`, { reason: 'x' })).status).toBe(403);
    const elsewhere = await insertAgency(db, { name: 'Westshire Fostering', slug: `westshire-${tag}` });
    const theirs = await makeUser(db, elsewhere.id, 'manager');
    const theirApi = apiClient(ctx().baseUrl, await makeApiToken(db, elsewhere.id, theirs.id));
    expect((await theirApi.post(`/households/${h.householdId}/erasure`, { reason: 'x' })).status).toBe(404);
    expect((await api.post(`/households/${h.householdId}/erasure`, {})).status).toBe(422);
    expect((await api.post(`/households/${h.householdId}/erasure?force=1`, { reason: 'x' })).status).toBe(
      422,
    );
    expect((await api.post(`/households/not-an-id/erasure`, { reason: 'x' })).status).toBe(404);
  });

  it('erases through the pages: explanation, reason, then the closed request', async () => {
    const h = await plant('pages', ago(0, 30), []);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(managerEmail, TEST_PASSWORD);
    const page = await browser.get(`/households/${h.householdId}/erasure`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('What will be erased');
    const blank = await browser.post(`/households/${h.householdId}/erasure`, { reason: '' });
    expect(blank.status).toBe(422);
    expect(blank.body).toContain('Enter the reason for erasure');
    const done = await browser.post(`/households/${h.householdId}/erasure`, { reason: 'Asked in person' });
    expect(done.status).toBe(303);
    const request = await browser.get(done.location!);
    expect(request.body).toContain('Erasure request');
    expect(request.body).toContain('Completed');
  });

  it('logs a transfer out with its 15-working-day clock and serves the carer record pack, audited', async () => {
    const { db } = ctx().deps;
    const carer = await plant('carer', ago(3, 0), [
      { to: 'initial_visit', on: ago(3, -30) },
      { to: 'application', on: ago(3, -60) },
      { to: 'assessment', on: ago(3, -90) },
      { to: 'panel', on: ago(3, -200) },
      { to: 'approved', on: ago(3, -220) },
    ]);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(managerEmail, TEST_PASSWORD);
    expect((await browser.get(`/households/${carer.householdId}/transfer-out`)).status).toBe(200);
    const logged = await browser.post(`/households/${carer.householdId}/transfer-out`, {
      recipient: 'Eastshire Fostering',
      receivedOn: '2025-12-15',
    });
    expect(logged.status).toBe(303);
    const requestId = logged.location!.split('/').pop()!;
    const [request] = await rows<{ due_on: string }>(
      db,
      sql`select due_on::text from data_requests where id = ${requestId}`,
    );
    expect(request!.due_on).toBe('2026-01-08');
    const pack = await browser.get(`/data-requests/${requestId}/transfer-pack`);
    expect(pack.status).toBe(200);
    expect(pack.body).toContain(carer.lastName);
    expect(pack.body).toContain('Eastshire Fostering');
    const json = await browser.get(`/data-requests/${requestId}/transfer-pack/download`);
    expect(json.headers.get('content-disposition')).toMatch(/attachment/);
    expect(JSON.parse(json.body).people[0].email).toBe(carer.email);
    const audits = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_events where action = 'transfer_out.disclosed' and entity_id = ${requestId}`,
    );
    expect(audits[0]!.n).toBe(2);

    const never = await plant('never', ago(0, 30), []);
    const other = await browser.post(`/households/${never.householdId}/transfer-out`, {
      recipient: 'Eastshire Fostering',
      receivedOn: '2025-12-15',
    });
    const otherId = other.location!.split('/').pop()!;
    expect((await browser.get(`/data-requests/${otherId}/transfer-pack`)).status).toBe(409);
  });
});
