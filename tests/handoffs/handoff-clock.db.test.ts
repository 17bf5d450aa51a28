import type { Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { defaultCalendar } from '../../src/calendar/working-days.ts';
import { rows } from '../../src/db/rows.ts';
import { answerDueAt, timesOutAt } from '../../src/handoffs/handoff-clock.ts';
import {
  movedByEnquiry,
  movedByHousehold,
  movedByPerson,
  staysWithTheHub,
} from '../../src/handoffs/handoff-move.repo.ts';
import { enqueue } from '../../src/jobs/queues.ts';
import { anonymiseHouseholds } from '../../src/retention/anonymise.service.ts';
import { TEST_PASSWORD } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';
import { hubEnquiry, makeHub, staff } from './hub-setup.ts';

describe('the hand-off clock (pure)', () => {
  it('counts working days after the offer, skipping Christmas and the Boxing Day substitute', () => {
    // Thursday 24 December 2026: Friday 25th and Monday 28th (Boxing Day falls on a Saturday) are
    // bank holidays, so the 2 working days are Tuesday 29th and Wednesday 30th.
    const due = answerDueAt(new Date('2026-12-24T10:00:00Z'), 2, defaultCalendar);
    expect(due.toISOString()).toBe('2026-12-31T00:00:00.000Z');
    // One working day's grace: Thursday 31st; times out from midnight.
    expect(timesOutAt(due, defaultCalendar).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    // British Summer Time: the end of a London day is 23:00 UTC.
    expect(answerDueAt(new Date('2026-06-01T09:00:00Z'), 2, defaultCalendar).toISOString()).toBe(
      '2026-06-03T23:00:00.000Z',
    );
  });
});

describe('hand-off clock, time-out sweep, settings and personal data', () => {
  const ctx = useTestContext();
  const tag = randomBytes(3).toString('hex');
  const today = londonToday();
  let setup: Awaited<ReturnType<typeof makeHub>>;
  let hubOfficer: Awaited<ReturnType<typeof staff>>;
  let hubManager: Awaited<ReturnType<typeof staff>>;
  let councilC: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    const { db } = ctx().deps;
    setup = await makeHub(db, tag);
    hubOfficer = await staff(db, ctx().baseUrl, setup.hub.id, 'officer');
    hubManager = await staff(db, ctx().baseUrl, setup.hub.id, 'manager');
    councilC = await staff(db, ctx().baseUrl, setup.councils[2]!.id, 'manager');
  });

  const household = (lastName: string) =>
    hubEnquiry(ctx().deps.db, hubOfficer.api, {
      receivedOn: addDays(today, -30),
      visitOn: addDays(today, -5),
      lastName: `${lastName}${tag}`,
    });

  it('lists every table that hangs off a household: moved with it, or kept by the hub for a reason', async () => {
    const tables = await rows<{ t: string }>(
      ctx().deps.db,
      sql`select distinct a.table_name as t from information_schema.columns a
          join information_schema.columns k on k.table_name = a.table_name and k.table_schema = 'public'
            and k.column_name in ('enquiry_id', 'person_id', 'household_id')
          where a.table_schema = 'public' and a.column_name = 'agency_id' order by 1`,
    );
    const listed = [
      ...movedByEnquiry,
      ...movedByPerson,
      ...movedByHousehold,
      // Moved by name in moveHousehold: the household's people and enquiries, and messages (by either key).
      'people',
      'enquiries',
      'messages',
      ...Object.keys(staysWithTheHub),
    ];
    expect(tables.map((r) => r.t).filter((t) => !listed.includes(t))).toEqual([]);
  });

  it('the hub’s managers set the clock; offers then fall due by it', async () => {
    const manager = new Browser(ctx().baseUrl);
    await manager.signIn(hubManager.user.email, TEST_PASSWORD);
    expect((await manager.get('/handoff-settings')).body).toContain('value="2"');
    const bad = await manager.post('/handoff-settings', { answerWithinWorkingDays: 'two' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('whole number of working days');
    const saved = await manager.post('/handoff-settings', { answerWithinWorkingDays: '5' });
    expect(saved.status).toBe(303);
    const h = await household('Clockwell');
    const offered = await hubOfficer.api.post(`/enquiries/${h.id}/handoff`, { to: setup.councils[2]!.code });
    expect(offered.body.dueAt).toBe(
      answerDueAt(new Date(offered.body.offeredAt), 5, defaultCalendar).toISOString(),
    );
    // A council's manager has no hand-off settings (404); the hub's officers may not change them (403).
    const council = new Browser(ctx().baseUrl);
    await council.signIn(councilC.user.email, TEST_PASSWORD);
    expect((await council.get('/handoff-settings')).status).toBe(404);
    const officer = new Browser(ctx().baseUrl);
    await officer.signIn(hubOfficer.user.email, TEST_PASSWORD);
    expect((await officer.get('/handoff-settings')).status).toBe(403);
    await manager.post('/handoff-settings', { answerWithinWorkingDays: '2' });
    // Leave it answered, so the sweep below has only its own offers.
    expect(
      (await councilC.api.post(`/handoffs/${offered.body.id}/return`, { reason: 'Not ours' })).status,
    ).toBe(200);
  });

  it('an overdue offer shows on both sides’ At risk, and the sweep job times it out after the grace day', async () => {
    const { db } = ctx().deps;
    const late = await household('Latimer');
    const fresh = await household('Freshwater');
    const lateOffer = (
      await hubOfficer.api.post(`/enquiries/${late.id}/handoff`, { to: setup.councils[2]!.code })
    ).body;
    const freshOffer = (
      await hubOfficer.api.post(`/enquiries/${fresh.id}/handoff`, { to: setup.councils[2]!.code })
    ).body;
    // Offered two weeks ago: due long since, grace run out. The other: due a minute ago, in its grace.
    const offeredAt = new Date(Date.now() - 14 * 86_400_000);
    await db.execute(
      sql`update handoffs set offered_at = ${offeredAt}, due_at = ${answerDueAt(offeredAt, 2, defaultCalendar)} where id = ${lateOffer.id}`,
    );
    await db.execute(
      sql`update handoffs set due_at = ${new Date(Date.now() - 60_000)} where id = ${freshOffer.id}`,
    );

    for (const who of [hubManager, councilC]) {
      const browser = new Browser(ctx().baseUrl);
      await browser.signIn(who.user.email, TEST_PASSWORD);
      const page = await browser.get('/deadlines');
      expect(page.status).toBe(200);
      const table = page.body.slice(page.body.indexOf('id="handoffs-at-risk"'));
      expect(table).toContain(`Latimer${tag}`);
      expect(table).toContain(`Freshwater${tag}`);
      expect(table.match(/Overdue/g)?.length).toBeGreaterThanOrEqual(2);
    }

    ctx().startWorker();
    const job: Job = await enqueue(ctx().deps.queues, 'deadline-sweep', { agencyId: setup.hub.id });
    const state = await waitFor(async () => {
      const s = await job.getState();
      return s === 'completed' || s === 'failed' ? s : undefined;
    });
    expect(state, job.failedReason).toBe('completed');
    const done = await ctx().deps.queues.get('default').getJob(job.id!);
    expect(done!.returnvalue).toMatch(/1 hand-offs timed out/);

    const statuses = await rows<{ id: string; status: string; decided_by: string | null }>(
      db,
      sql`select id, status, decided_by from handoffs where id in (${lateOffer.id}::uuid, ${freshOffer.id}::uuid)`,
    );
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [lateOffer.id]: 'timed_out',
      [freshOffer.id]: 'offered',
    });
    // The household stays with the hub, which may offer again once the open one is answered.
    expect((await hubOfficer.api.get(`/enquiries/${late.id}`)).status).toBe(200);
    expect((await councilC.api.get(`/enquiries/${late.id}`)).status).toBe(404);
    expect((await councilC.api.post(`/handoffs/${lateOffer.id}/accept`, {})).status).toBe(409);
    const again = await hubOfficer.api.post(`/enquiries/${late.id}/handoff`, { to: setup.councils[1]!.code });
    expect(again.status).toBe(201);
    const audit = await rows<{ agency_id: string }>(
      db,
      sql`select agency_id::text from audit_events where action = 'handoff.timed_out' and entity_id = ${lateOffer.id}`,
    );
    expect(audit.map((a) => a.agency_id).sort()).toEqual([setup.hub.id, setup.councils[2]!.id].sort());
  });

  it('subject access lists the hand-offs; anonymising the household clears the note and the reason', async () => {
    const { db } = ctx().deps;
    const h = await household('Quillon');
    const first = await hubOfficer.api.post(`/enquiries/${h.id}/handoff`, {
      to: setup.councils[2]!.code,
      note: `Quillon${tag} has a dog`,
    });
    await councilC.api.post(`/handoffs/${first.body.id}/return`, { reason: `Quillon${tag} moved away` });
    const second = await hubOfficer.api.post(`/enquiries/${h.id}/handoff`, {
      to: setup.councils[2]!.code,
      note: 'Try again',
    });
    expect((await councilC.api.post(`/handoffs/${second.body.id}/accept`, {})).status).toBe(200);

    const pack = await councilC.api.get(`/subject-access?email=${encodeURIComponent(h.email)}`);
    expect(pack.status).toBe(200);
    expect(pack.body.handoffs.map((o: { status: string }) => o.status)).toEqual(['returned', 'accepted']);
    // The hub holds nothing about them any more.
    const hubPack = await hubManager.api.get(`/subject-access?email=${encodeURIComponent(h.email)}`);
    expect(hubPack.body.households).toEqual([]);
    expect(hubPack.body.handoffs).toEqual([]);

    const [row] = await rows<{ household_id: string }>(
      db,
      sql`select household_id from enquiries where id = ${h.id}`,
    );
    const counts = await db.transaction((tx) =>
      anonymiseHouseholds(tx, setup.councils[2]!.id, [row!.household_id], 'erasure'),
    );
    expect(counts.handoffTexts).toBe(2);
    const texts = await rows<{ note: string | null; return_reason: string | null }>(
      db,
      sql`select note, return_reason from handoffs where enquiry_id = ${h.id} order by offered_at`,
    );
    expect(texts).toEqual([
      { note: null, return_reason: 'Anonymised' },
      { note: null, return_reason: null },
    ]);
  });
});
