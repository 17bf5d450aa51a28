import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { rows } from '../../src/db/rows.ts';
import { movedByEnquiry, movedByHousehold, movedByPerson } from '../../src/handoffs/handoff-move.repo.ts';
import { TEST_PASSWORD } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { hubEnquiry, makeHub, rowsAt, staff } from './hub-setup.ts';

/**
 * The hand-off (issue 17, scope 3) and isolation across a hub's councils (scope 5), through the
 * real app on PostgreSQL and PGlite: a hub with three member councils; a council never reads another
 * council's household nor the hub's own (by id, list, search, export, My work); after acceptance the
 * council has the whole history and the hub has no personal data.
 */
describe('hand-off from a hub to a member council', () => {
  const ctx = useTestContext();
  const tag = randomBytes(3).toString('hex');
  const today = londonToday();
  const receivedOn = addDays(today, -40);
  const visitOn = addDays(today, -10);
  let hub: Awaited<ReturnType<typeof makeHub>>['hub'];
  let councils: Awaited<ReturnType<typeof makeHub>>['councils'];
  let hubOfficer: Awaited<ReturnType<typeof staff>>;
  let councilA: Awaited<ReturnType<typeof staff>>;
  let councilAOfficer: Awaited<ReturnType<typeof staff>>;
  let councilB: Awaited<ReturnType<typeof staff>>;
  let adminA: Awaited<ReturnType<typeof staff>>;
  let adminB: Awaited<ReturnType<typeof staff>>;
  let adminHub: Awaited<ReturnType<typeof staff>>;
  let first: Awaited<ReturnType<typeof hubEnquiry>>;
  let second: Awaited<ReturnType<typeof hubEnquiry>>;
  let acceptedId = '';

  beforeAll(async () => {
    const { db } = ctx().deps;
    ({ hub, councils } = await makeHub(db, tag));
    hubOfficer = await staff(db, ctx().baseUrl, hub.id, 'officer');
    councilA = await staff(db, ctx().baseUrl, councils[0]!.id, 'manager');
    councilAOfficer = await staff(db, ctx().baseUrl, councils[0]!.id, 'officer');
    councilB = await staff(db, ctx().baseUrl, councils[1]!.id, 'manager');
    adminA = await staff(db, ctx().baseUrl, councils[0]!.id, 'admin');
    adminB = await staff(db, ctx().baseUrl, councils[1]!.id, 'admin');
    adminHub = await staff(db, ctx().baseUrl, hub.id, 'admin');
    first = await hubEnquiry(db, hubOfficer.api, {
      receivedOn,
      visitOn,
      preferredCouncilId: councils[0]!.id,
      lastName: `Ashworth${tag}`,
    });
    second = await hubEnquiry(db, hubOfficer.api, { receivedOn, visitOn, lastName: `Brightwell${tag}` });
  });

  /** What a staff member finds of a household by every route: by id, list, search, export. */
  async function sees(
    who: Awaited<ReturnType<typeof staff>>,
    admin: Awaited<ReturnType<typeof staff>>,
    h: typeof first,
  ) {
    const byId = await who.api.get(`/enquiries/${h.id}`);
    const list = await who.api.get('/enquiries?limit=100');
    const search = await who.api.get(`/enquiries?q=${encodeURIComponent(h.lastName)}`);
    const exported = await admin.api.get('/export');
    expect(exported.status).toBe(200);
    return {
      byId: byId.status,
      inList: list.body.items.some((e: { id: string }) => e.id === h.id),
      inSearch: search.body.items.length,
      inExport: exported.text.includes(h.lastName),
    };
  }

  it('refuses bad offers: not a member council (422), not a hub (409), twice (409)', async () => {
    const bad = await hubOfficer.api.post(`/enquiries/${first.id}/handoff`, { to: 'nowhere' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('to');
    const unknownField = await hubOfficer.api.post(`/enquiries/${first.id}/handoff`, {
      to: councils[0]!.code,
      x: 1,
    });
    expect(unknownField.status).toBe(422);
    // The default test agency is a council of no hub; and a member council is not a hub either.
    const fromCouncil = await councilA.api.post(`/enquiries/${first.id}/handoff`, { to: councils[1]!.code });
    expect(fromCouncil.status).toBe(409);
    const offered = await hubOfficer.api.post(`/enquiries/${first.id}/handoff`, {
      to: councils[0]!.code.toUpperCase(),
      note: `Initial visit went well; ${first.lastName} prefer teenagers`,
    });
    expect(offered.status).toBe(201);
    expect(offered.body).toMatchObject({ status: 'offered', councilId: councils[0]!.id, hubId: hub.id });
    acceptedId = offered.body.id;
    const again = await hubOfficer.api.post(`/enquiries/${first.id}/handoff`, { to: councils[1]!.code });
    expect(again.status).toBe(409);
  });

  it('before acceptance, no council reads the hub’s households; the one offered sees what it needs to decide', async () => {
    for (const [who, admin] of [
      [councilA, adminA],
      [councilB, adminB],
    ] as const) {
      expect(await sees(who, admin, first)).toEqual({
        byId: 404,
        inList: false,
        inSearch: 0,
        inExport: false,
      });
      expect(await sees(who, admin, second)).toEqual({
        byId: 404,
        inList: false,
        inSearch: 0,
        inExport: false,
      });
    }
    const offers = await councilA.api.get('/handoffs?status=offered');
    expect(offers.status).toBe(200);
    expect(offers.body.items).toHaveLength(1);
    expect(offers.body.items[0]).toMatchObject({
      enquiryId: first.id,
      note: expect.stringContaining('teenagers'),
      household: {
        names: `Sam ${first.lastName}`,
        postcode: 'NR1 3QU',
        stage: 'initial_visit',
        campaignCode: 'EAST24',
        contactAttempts: 1,
        notes: 1,
      },
    });
    expect((await councilB.api.get('/handoffs?status=offered')).body.items).toEqual([]);
    // Another council cannot answer it: it is not theirs (404), and the hub cannot answer its own offer.
    expect((await councilB.api.post(`/handoffs/${acceptedId}/accept`, {})).status).toBe(404);
    expect((await hubOfficer.api.post(`/handoffs/${acceptedId}/accept`, {})).status).toBe(404);
    expect((await councilA.api.get('/handoffs?status=nonsense')).status).toBe(422);
  });

  it('on acceptance the household moves whole to the council, history dated as it happened; the hub loses sight', async () => {
    const { db } = ctx().deps;
    const before = (await hubOfficer.api.get(`/enquiries/${first.id}`)).body;
    expect(before.history.map((h: { stage: string }) => h.stage)).toEqual(['enquiry', 'initial_visit']);
    await rows(db, sql`delete from metric_dirty_days`);

    const accepted = await councilA.api.post(`/handoffs/${acceptedId}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await councilA.api.post(`/handoffs/${acceptedId}/accept`, {})).status).toBe(409);

    const after = await councilA.api.get(`/enquiries/${first.id}`);
    expect(after.status).toBe(200);
    expect(after.body.id).toBe(first.id);
    expect(after.body.receivedAt).toBe(before.receivedAt);
    expect(after.body.campaignCode).toBe('EAST24');
    expect(after.body.history.map((h: { stage: string; at: string }) => [h.stage, h.at])).toEqual(
      before.history.map((h: { stage: string; at: string }) => [h.stage, h.at]),
    );
    expect(JSON.stringify(after.body)).toContain('two spare rooms');
    const [enquiry] = await rows<{
      hub_id: string;
      assigned_officer_id: string | null;
      handed_off_at: Date | null;
    }>(db, sql`select hub_id, assigned_officer_id, handed_off_at from enquiries where id = ${first.id}`);
    expect(enquiry).toMatchObject({ hub_id: hub.id, assigned_officer_id: null });
    expect(enquiry!.handed_off_at).not.toBeNull();

    // Every row of the household left the hub.
    const [ids] = await rows<{ household_id: string; people: string[] }>(
      db,
      sql`select e.household_id, array_agg(p.id::text) as people from enquiries e join people p on p.household_id = e.household_id where e.id = ${first.id} group by 1`,
    );
    for (const t of movedByEnquiry) expect(await rowsAt(db, t, 'enquiry_id', [first.id], hub.id), t).toBe(0);
    for (const t of movedByPerson) expect(await rowsAt(db, t, 'person_id', ids!.people, hub.id), t).toBe(0);
    for (const t of movedByHousehold)
      expect(await rowsAt(db, t, 'household_id', [ids!.household_id], hub.id), t).toBe(0);
    expect(await rowsAt(db, 'households', 'id', [ids!.household_id], hub.id)).toBe(0);
    expect(await rowsAt(db, 'messages', 'enquiry_id', [first.id], hub.id)).toBe(0);
    expect(await rowsAt(db, 'stage_events', 'enquiry_id', [first.id], councils[0]!.id)).toBe(2);
    expect(await rowsAt(db, 'consents', 'person_id', ids!.people, councils[0]!.id)).toBeGreaterThan(0);

    // Both roll-ups follow: the received day and the visit day, for the hub and the council.
    const dirty = await rows<{ agency_id: string; day: string }>(
      db,
      sql`select distinct agency_id::text, day::text from metric_dirty_days order by 1, 2`,
    );
    for (const agency of [hub.id, councils[0]!.id]) {
      expect(dirty.filter((d) => d.agency_id === agency).map((d) => d.day)).toEqual(
        expect.arrayContaining([receivedOn, visitOn]),
      );
    }

    // The hub: no personal data by any route; its list keeps the hand-off without the household.
    const emptyAdmin = adminHub;
    expect(await sees(hubOfficer, emptyAdmin, first)).toEqual({
      byId: 404,
      inList: false,
      inSearch: 0,
      inExport: false,
    });
    const hubAccepted = await hubOfficer.api.get('/handoffs?status=accepted');
    expect(hubAccepted.body.items).toHaveLength(1);
    expect(hubAccepted.body.items[0]).toMatchObject({ enquiryId: first.id, household: null, note: null });
    // Council B still sees nothing; council A sees it everywhere, export included.
    expect(await sees(councilB, adminB, first)).toEqual({
      byId: 404,
      inList: false,
      inSearch: 0,
      inExport: false,
    });
    expect(await sees(councilA, adminA, first)).toEqual({
      byId: 200,
      inList: true,
      inSearch: 1,
      inExport: true,
    });
    const exported = JSON.parse((await adminA.api.get('/export')).text);
    expect(exported.datasets.handoffs.map((h: { id: string }) => h.id)).toEqual([acceptedId]);
  });

  it('shows on My work: the council’s officers see the household once it is theirs, never before', async () => {
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(councilAOfficer.user.email, TEST_PASSWORD);
    // Unassigned households do not show on an officer's My work; the page must not show the hub's.
    const page = await browser.get('/my-work');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(second.lastName);
    const household = await browser.get(`/enquiries/${first.id}`);
    expect(household.status).toBe(200);
    expect(household.body).toContain('Received from the hub');
    expect(household.body).toContain('teenagers');
    expect((await browser.get(`/enquiries/${second.id}`)).status).toBe(404);
  });

  it('a council returns a household with a reason (required); the hub sees it and may offer again', async () => {
    const offered = await hubOfficer.api.post(`/enquiries/${second.id}/handoff`, { to: councils[1]!.code });
    expect(offered.status).toBe(201);
    const noReason = await councilB.api.post(`/handoffs/${offered.body.id}/return`, { reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.issues[0].path).toBe('reason');
    const returned = await councilB.api.post(`/handoffs/${offered.body.id}/return`, {
      reason: 'They live in Northfolk and want to foster there',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      returnReason: expect.stringContaining('Northfolk'),
    });
    // Still the hub's; the council no longer sees who it was.
    expect((await hubOfficer.api.get(`/enquiries/${second.id}`)).status).toBe(200);
    expect((await councilB.api.get(`/enquiries/${second.id}`)).status).toBe(404);
    const councilView = await councilB.api.get('/handoffs?status=returned');
    expect(councilView.body.items[0]).toMatchObject({ enquiryId: second.id, household: null });
    const hubView = await hubOfficer.api.get('/handoffs?status=returned');
    expect(hubView.body.items[0]).toMatchObject({
      enquiryId: second.id,
      returnReason: expect.stringContaining('Northfolk'),
      household: { names: `Sam ${second.lastName}` },
    });
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(hubOfficer.user.email, TEST_PASSWORD);
    const page = await browser.get(`/enquiries/${second.id}`);
    expect(page.body).toContain('want to foster there');
    expect(page.body).toContain('Offer to a council');
    const again = await hubOfficer.api.post(`/enquiries/${second.id}/handoff`, { to: councils[0]!.code });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(offered.body.id);
  });

  it('audits every step on both sides with ids only: no names, emails or notes', async () => {
    const audit = await rows<{ agency_id: string; action: string; changes: unknown }>(
      ctx().deps.db,
      sql`select agency_id::text, action, changes from audit_events where action like 'handoff.%' order by id`,
    );
    const actions = (agency: string) => audit.filter((a) => a.agency_id === agency).map((a) => a.action);
    expect(actions(councils[0]!.id)).toEqual(['handoff.offered', 'handoff.accepted', 'handoff.offered']);
    expect(actions(councils[1]!.id)).toEqual(['handoff.offered', 'handoff.returned']);
    expect(actions(hub.id)).toEqual([
      'handoff.offered',
      'handoff.accepted',
      'handoff.offered',
      'handoff.returned',
      'handoff.offered',
    ]);
    const text = JSON.stringify(audit);
    for (const personal of [first.lastName, second.lastName, first.email, 'teenagers', 'Northfolk']) {
      expect(text).not.toContain(personal);
    }
  });

  it('a household the hub closed after offering it cannot be accepted (409) and stays with the hub', async () => {
    const third = await hubEnquiry(ctx().deps.db, hubOfficer.api, {
      receivedOn,
      visitOn,
      lastName: `Cartwright${tag}`,
    });
    const offered = await hubOfficer.api.post(`/enquiries/${third.id}/handoff`, { to: councils[2]!.code });
    expect(offered.status).toBe(201);
    const closed = await hubOfficer.api.post(`/enquiries/${third.id}/transitions`, {
      to: 'closed',
      reason: 'AW0',
    });
    expect(closed.status).toBe(200);
    const councilC = await staff(ctx().deps.db, ctx().baseUrl, councils[2]!.id, 'manager');
    const accepted = await councilC.api.post(`/handoffs/${offered.body.id}/accept`, {});
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.message).toContain('closed');
    expect((await hubOfficer.api.get(`/enquiries/${third.id}`)).status).toBe(200);
    expect((await councilC.api.get(`/enquiries/${third.id}`)).status).toBe(404);
    const returned = await councilC.api.post(`/handoffs/${offered.body.id}/return`, {
      reason: 'Closed at the hub',
    });
    expect(returned.status).toBe(200);
  });
});
