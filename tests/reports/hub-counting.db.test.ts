import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { agencies } from '../../src/agencies/agencies.table.ts';
import { londonDate } from '../../src/calendar/dates.ts';
import { rows } from '../../src/db/rows.ts';
import { timeOutHandoffs } from '../../src/handoffs/handoff-sweep.service.ts';
import { acceptHandoff, offerHandoff, returnHandoff } from '../../src/handoffs/handoffs.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { recomputeAgencies, refreshChanged } from '../../src/metrics/metrics.service.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

/**
 * Counting at a regional hub (issue 17), on PostgreSQL and PGlite: a hub with three member councils
 * (Ashby 10,000 residents, Bramley 30,000, Cotton no population set), five households it received
 * over April–June 2025, hand-offs accepted (one in a later month than the enquiry), returned and
 * timed out, and what the councils recorded afterwards; plus Ashby's own enquiry. Expected values
 * are counted by hand from the list below; the hub's per-council table is also recounted from the
 * raw rows by plain code in this file.
 *
 * H1 (chose Ashby, campaign HUB-SPRING): 10 May; session 15 May; IV 20 May (hub); offered to Ashby
 *    2 June, accepted 3 June (24 days); Ashby: application 15 July, assessment 1 Aug, panel 10 Jan,
 *    approved 20 January 2026.
 * H2 (not sure; lives in Bramley): 20 May; IV 5 June (hub); offered to Bramley 25 June, returned 26
 *    June; offered again 1 July, accepted 3 July (44 days, two months after the enquiry);
 *    Bramley: application 10 August.
 * H3 (chose Cotton): 1 June; offered to Cotton 10 June, timed out 12 June: still the hub's.
 * H4 (not sure, no postcode match): 15 June; closed (AW0) 20 June. Not yet known.
 * H5 (chose Ashby, lives in Bramley, campaign HUB-SPRING): 15 April; session 25 April; offered to
 *    Bramley 1 May, accepted 2 May (17 days): counts for Bramley, where it was handed; Bramley: IV
 *    12 May.
 * A1: Ashby's own enquiry, 5 May (not the hub's: never in the hub's figures).
 */

type Step = [to: string, at: string, reason?: string];
const FY = 'from=2025-04-01&to=2026-03-31';
const months12 = (values: Record<string, number>) =>
  ['04', '05', '06', '07', '08', '09', '10', '11', '12', '01', '02', '03'].map((m) => values[m] ?? 0);

describe('counting at a regional hub', () => {
  const ctx = useTestContext();
  const ids: Record<string, string> = {};
  const agencyOf: Record<string, string> = {};
  const api: Record<string, ReturnType<typeof apiClient>> = {};

  const call = async (who: string, path: string, body: unknown) => {
    const res = await api[who]!.post(path, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const move = async (who: string, id: string, steps: Step[]) => {
    for (const [to, at, reason] of steps)
      await call(who, `/enquiries/${id}/transitions`, { to, at: `${at}T11:00:00Z`, reason });
  };
  const enquire = async (who: string, received: string, campaignCode?: string, council?: string) =>
    (
      await call(
        who,
        '/enquiries',
        enquiryBody({ receivedAt: `${received}T09:00:00Z`, campaignCode, ...(council ? { council } : {}) }),
      )
    ).id as string;
  const attend = async (who: string, on: string, enquiryId: string) => {
    const event = await call(who, '/events', {
      kind: 'information_session',
      title: 'Could you foster?',
      startsAt: `${on}T18:00:00Z`,
      online: true,
    });
    await call(who, `/events/${event.id}/attendance`, { enquiryId, attended: true });
  };

  beforeAll(async () => {
    const db = ctx().deps.db;
    const [hub] = await db
      .insert(agencies)
      .values({ name: 'Foster Vale', slug: 'fostervale', kind: 'hub' })
      .returning();
    agencyOf.hub = hub!.id;
    for (const [key, name, population] of [
      ['ashby', 'Ashby Council', 10_000],
      ['bramley', 'Bramley Council', 30_000],
      ['cotton', 'Cotton Council', null],
    ] as const) {
      const [member] = await db
        .insert(agencies)
        .values({ name, slug: key, kind: 'council', hubId: hub!.id, population })
        .returning();
      agencyOf[key] = member!.id;
    }
    agencyOf.northshire = ctx().agencyId;
    for (const key of Object.keys(agencyOf)) {
      const manager = await makeUser(db, agencyOf[key]!, 'manager');
      api[key] = apiClient(ctx().baseUrl, await makeApiToken(db, agencyOf[key]!, manager.id));
    }
    await call('hub', '/campaigns', {
      code: 'HUB-SPRING',
      name: 'Spring on the buses',
      channel: 'outdoor',
      startsOn: '2025-04-01',
      endsOn: '2025-09-30',
      costs: [{ description: 'Bus backs', amountPence: 100_001 }],
    });

    // The hub era: enquiries, the council each chose or lives in, sessions and visits at the hub.
    ids.H5 = await enquire('hub', '2025-04-15', 'HUB-SPRING', 'ashby');
    ids.H1 = await enquire('hub', '2025-05-10', 'HUB-SPRING', 'ashby');
    ids.H2 = await enquire('hub', '2025-05-20');
    ids.H3 = await enquire('hub', '2025-06-01', undefined, 'cotton');
    ids.H4 = await enquire('hub', '2025-06-15');
    ids.A1 = await enquire('ashby', '2025-05-05');
    // The household's own council comes from member councils' postcode areas, none set up here.
    for (const key of ['H2', 'H5']) {
      await db.execute(
        sql`update enquiries set home_council_id = ${agencyOf.bramley} where id = ${ids[key]}`,
      );
    }
    const placed = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from enquiries where hub_id = ${agencyOf.hub}`,
    );
    expect(placed[0]!.n).toBe(5); // received at the hub: its hub is kept after any hand-off
    await attend('hub', '2025-04-25', ids.H5);
    await attend('hub', '2025-05-15', ids.H1);
    await move('hub', ids.H1, [['initial_visit', '2025-05-20']]);
    await move('hub', ids.H2, [['initial_visit', '2025-06-05']]);
    await move('hub', ids.H4, [['closed', '2025-06-20', 'AW0']]);
    // Figures computed once in the hub era; what follows must reach them through the marked days.
    await recomputeAgencies(db);

    // The hand-offs, through the hand-off service at the dates they happened.
    const managerOf: Record<string, Actor> = {};
    for (const key of ['hub', 'ashby', 'bramley', 'cotton']) {
      const user = await makeUser(db, agencyOf[key]!, 'manager');
      managerOf[key] = { agencyId: agencyOf[key]!, userId: user.id, role: 'manager' };
    }
    const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00Z`);
    const offer = (enquiry: string, to: string, on: string) =>
      offerHandoff(db, managerOf.hub!, ids[enquiry]!, { to }, at(on));
    await acceptHandoff(
      db,
      managerOf.bramley!,
      (await offer('H5', 'bramley', '2025-05-01')).id,
      at('2025-05-02', '15:00'),
    );
    await acceptHandoff(
      db,
      managerOf.ashby!,
      (await offer('H1', 'ashby', '2025-06-02')).id,
      at('2025-06-03', '15:00'),
    );
    await offer('H3', 'cotton', '2025-06-10');
    expect(await timeOutHandoffs(db, at('2025-06-20'))).toBe(1);
    const returned = await offer('H2', 'bramley', '2025-06-25');
    await returnHandoff(db, managerOf.bramley!, returned.id, 'Not in our area', at('2025-06-26', '15:00'));
    await acceptHandoff(
      db,
      managerOf.bramley!,
      (await offer('H2', 'bramley', '2025-07-01')).id,
      at('2025-07-03', '15:00'),
    );
    // What the councils record afterwards, through their own API.
    await move('bramley', ids.H5, [['initial_visit', '2025-05-12']]);
    await move('ashby', ids.H1, [
      ['application', '2025-07-15'],
      ['assessment', '2025-08-01'],
      ['panel', '2026-01-10'],
      ['approved', '2026-01-20'],
    ]);
    await move('bramley', ids.H2, [['application', '2025-08-10']]);
    await refreshChanged(db);
  });

  const funnel = async (who: string, query = FY) => {
    const res = await api[who]!.get(`/reports/funnel?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.measures as Record<string, { byMonth: number[]; total: number }>;
  };
  const byMonth = (measures: Record<string, { byMonth: number[] }>) =>
    Object.fromEntries(Object.entries(measures).map(([k, v]) => [k, v.byMonth]));

  const expectedCouncilTables = {
    ashby: {
      information_session_households: months12({ '05': 1 }), // H1, at the hub's session
      enquiries: months12({ '05': 2 }), // H1 (received by the hub), A1
      initial_visits: months12({ '05': 1 }), // H1, by the hub
      applications: months12({ '07': 1 }),
      applications_ended: months12({}),
      approvals: months12({ '01': 1 }),
      transfers_in: months12({}),
    },
    bramley: {
      information_session_households: months12({ '04': 1 }), // H5, at the hub's session in April
      enquiries: months12({ '04': 1, '05': 1 }), // H5 in April, H2 in May (handed off in July)
      initial_visits: months12({ '05': 1, '06': 1 }), // H5 by Bramley, H2 by the hub
      applications: months12({ '08': 1 }),
      applications_ended: months12({}),
      approvals: months12({}),
      transfers_in: months12({}),
    },
    cotton: Object.fromEntries(
      [
        'information_session_households',
        'enquiries',
        'initial_visits',
        'applications',
        'applications_ended',
        'approvals',
        'transfers_in',
      ].map((m) => [m, months12({})]),
    ), // H3 timed out: never Cotton's
  };

  it("counts the hub-era history in each council's committee table, in the months it happened", async () => {
    for (const [council, expected] of Object.entries(expectedCouncilTables)) {
      expect(byMonth(await funnel(council)), council).toEqual(expected);
    }
  });

  it('gives the same figures after a full recompute as through the marked days', async () => {
    const before = await Promise.all(['hub', 'ashby', 'bramley', 'cotton'].map((w) => funnel(w)));
    const hubBefore = (await api.hub!.get(`/reports/hub?${FY}`)).body;
    await recomputeAgencies(ctx().deps.db);
    expect(await Promise.all(['hub', 'ashby', 'bramley', 'cotton'].map((w) => funnel(w)))).toEqual(before);
    expect({ ...(await api.hub!.get(`/reports/hub?${FY}`)).body, computedAt: null }).toEqual({
      ...hubBefore,
      computedAt: null,
    });
  });

  it('shows the whole region at the hub and narrows it with council=<code>', async () => {
    expect(byMonth(await funnel('hub'))).toMatchObject({
      enquiries: months12({ '04': 1, '05': 2, '06': 2 }), // H5; H1, H2; H3, H4
      information_session_households: months12({ '04': 1, '05': 1 }),
      initial_visits: months12({ '05': 2, '06': 1 }), // H1, H5 (Bramley's); H2
      applications: months12({ '07': 1, '08': 1 }), // recorded by Ashby and Bramley
      approvals: months12({ '01': 1 }),
    });
    // Ashby's households at the hub: H1 only (A1 is Ashby's own; H5 was handed to Bramley).
    expect(byMonth(await funnel('hub', `${FY}&council=ashby`))).toMatchObject({
      enquiries: months12({ '05': 1 }),
      initial_visits: months12({ '05': 1 }),
      applications: months12({ '07': 1 }),
      approvals: months12({ '01': 1 }),
    });
    expect(byMonth(await funnel('hub', `${FY}&council=BRAMLEY`))).toMatchObject({
      enquiries: months12({ '04': 1, '05': 1 }),
      information_session_households: months12({ '04': 1 }),
      initial_visits: months12({ '05': 1, '06': 1 }),
      applications: months12({ '08': 1 }),
    });
    expect((await funnel('hub', `${FY}&council=cotton`)).enquiries!.total).toBe(1); // H3, chosen
    const conversion = await api.hub!.get(`/reports/conversion?${FY}&council=ashby`);
    expect(conversion.status).toBe(200);
    const ofsted = await api.hub!.get('/reports/ofsted?year=2025&council=ashby');
    expect(ofsted.body).toMatchObject({ enquiries: 1, applications: 1, approvals: 1 });
  });

  it('refuses council= that names no member, and council= anywhere but a hub (422 on council)', async () => {
    for (const [who, path] of [
      ['hub', `/reports/funnel?${FY}&council=nowhere`],
      ['hub', `/reports/funnel?${FY}&council=northshire`],
      ['hub', `/reports/campaigns?${FY}&council=fostervale`],
      ['hub', '/reports/ofsted?year=2025&council=nowhere'],
      ['ashby', `/reports/funnel?${FY}&council=ashby`],
      ['northshire', `/reports/net-carers?${FY}&council=ashby`],
      ['hub', '/reports/drop-out-reasons?year=2025&council=ashby'],
    ] as const) {
      const res = await api[who]!.get(path);
      expect(res.status, `${who} ${path}`).toBe(422);
      expect(
        res.body.error.issues.map((i: { path: string }) => i.path),
        path,
      ).toEqual(['council']);
    }
    expect((await api.ashby!.get(`/reports/hub?${FY}`)).status).toBe(404);
  });

  it("gives the hub's per-council table with hand-computed values, hand-offs, league tables and cost shares", async () => {
    const res = await api.hub!.get(`/reports/hub?${FY}`);
    expect(res.status).toBe(200);
    const col = (key: string) => res.body.columns.find((c: { key: string }) => c.key === key);
    expect(res.body.columns.map((c: { key: string }) => c.key)).toEqual([
      'ashby',
      'bramley',
      'cotton',
      'not_known',
      'total',
    ]);
    expect(col('ashby')).toMatchObject({
      enquiries: 1, // H1
      informationSessionHouseholds: 1,
      initialVisits: 1,
      handoffsOffered: 1,
      handoffsAccepted: 1,
      handoffsReturned: 0,
      handoffsTimedOut: 0,
      medianDaysToHandoff: 24,
      applications: 1,
      approvals: 1,
      campaignCostPence: 25_000, // 100,001 × 10,000 ÷ 40,000 = 25,000.25
      costPerEnquiryPence: 25_000,
      costPerApprovalPence: 25_000,
    });
    expect(col('bramley')).toMatchObject({
      enquiries: 2, // H2, H5
      informationSessionHouseholds: 1, // H5
      initialVisits: 2, // H2 (hub), H5 (Bramley)
      handoffsOffered: 3, // H5, H2 twice
      handoffsAccepted: 2,
      handoffsReturned: 1,
      handoffsTimedOut: 0,
      medianDaysToHandoff: 17, // 17 and 44: nearest rank
      applications: 1,
      approvals: 0,
      campaignCostPence: 75_001, // 75,000.75, and the penny left over (largest remainder)
      costPerEnquiryPence: 37_501, // 37,500.5 rounded
      costPerApprovalPence: null,
    });
    expect(col('cotton')).toMatchObject({
      enquiries: 1,
      handoffsOffered: 1,
      handoffsTimedOut: 1,
      medianDaysToHandoff: null,
      campaignCostPence: null, // no population, no share
      costPerEnquiryPence: null,
    });
    expect(col('not_known')).toMatchObject({ enquiries: 1, handoffsOffered: 0, campaignCostPence: null });
    expect(col('total')).toMatchObject({
      enquiries: 5,
      informationSessionHouseholds: 2,
      initialVisits: 3,
      handoffsOffered: 5,
      handoffsAccepted: 3,
      handoffsReturned: 1,
      handoffsTimedOut: 1,
      medianDaysToHandoff: 24, // 17, 24, 44
      applications: 2,
      approvals: 1,
      campaignCostPence: 100_001,
      costPerEnquiryPence: 20_000,
      costPerApprovalPence: 100_001,
    });
    const league = res.body.league;
    expect(
      league.enquiriesPer10000.map((r: { code: string; rank: number; value: number }) => [
        r.code,
        r.rank,
        r.value,
      ]),
    ).toEqual([
      ['ashby', 1, 1],
      ['bramley', 2, 0.7],
      ['cotton', null, null],
    ]);
    expect(
      league.conversionPercent.map((r: { code: string; rank: number; value: number }) => [
        r.code,
        r.rank,
        r.value,
      ]),
    ).toEqual([
      ['ashby', 1, 100],
      ['bramley', 2, 50],
      ['cotton', 3, 0],
    ]);
    expect(league.approvals.map((r: { code: string; rank: number }) => [r.code, r.rank])).toEqual([
      ['ashby', 1],
      ['bramley', 2],
      ['cotton', 2],
    ]);
    const narrowed = (await api.hub!.get(`/reports/hub?${FY}&council=bramley`)).body;
    expect(narrowed.columns).toEqual([col('bramley')]);
  });

  it('equals an independent recount of the raw rows, council by council', async () => {
    const db = ctx().deps.db;
    const hubId = agencyOf.hub!;
    const enquiries = await rows<{
      id: string;
      agency_id: string;
      preferred: string | null;
      home: string | null;
      received: string;
      household_id: string;
    }>(
      db,
      sql`select id, agency_id, preferred_council_id as preferred, home_council_id as home,
                 received_at::text as received, household_id
          from enquiries where hub_id = ${hubId} or agency_id = ${hubId}`,
    );
    const events = await rows<{ enquiry_id: string; stage: string; at: string }>(
      db,
      sql`select enquiry_id, stage, at::text as at from stage_events`,
    );
    const sessions = await rows<{ enquiry_id: string; starts: string }>(
      db,
      sql`select b.enquiry_id, e.starts_at::text as starts from event_bookings b join events e on e.id = b.event_id
          where b.attended and e.kind = 'information_session' and e.cancelled_at is null`,
    );
    const handoffs = await rows<{ council_id: string; status: string }>(
      db,
      sql`select council_id, status from handoffs where hub_id = ${hubId}`,
    );
    const inYear = (at: string) => {
      const d = londonDate(new Date(at));
      return d >= '2025-04-01' && d <= '2026-03-31';
    };
    const councilFor = (q: (typeof enquiries)[number]) =>
      q.agency_id !== hubId ? q.agency_id : (q.preferred ?? q.home ?? 'not_known');
    const keyOf = Object.fromEntries(Object.entries(agencyOf).map(([k, v]) => [v, k]));
    const recount: Record<string, Record<string, number>> = {};
    const add = (council: string, field: string) => {
      const key = keyOf[council] ?? council;
      recount[key] ??= {};
      recount[key][field] = (recount[key][field] ?? 0) + 1;
    };
    for (const q of enquiries) {
      if (inYear(q.received)) add(councilFor(q), 'enquiries');
      for (const e of events.filter((e) => e.enquiry_id === q.id && inYear(e.at))) {
        if (e.stage === 'initial_visit') add(councilFor(q), 'initialVisits');
        if (e.stage === 'application') add(councilFor(q), 'applications');
        if (e.stage === 'approved') add(councilFor(q), 'approvals');
      }
      const months = new Set(
        sessions
          .filter((s) => s.enquiry_id === q.id && inYear(s.starts))
          .map((s) => londonDate(new Date(s.starts)).slice(0, 7)),
      );
      for (const _ of months) add(councilFor(q), 'informationSessionHouseholds');
    }
    for (const h of handoffs) {
      add(h.council_id, 'handoffsOffered');
      add(
        h.council_id,
        { accepted: 'handoffsAccepted', returned: 'handoffsReturned', timed_out: 'handoffsTimedOut' }[
          h.status
        ]!,
      );
    }
    const report = (await api.hub!.get(`/reports/hub?${FY}`)).body;
    const fields = [
      'enquiries',
      'informationSessionHouseholds',
      'initialVisits',
      'handoffsOffered',
      'handoffsAccepted',
      'handoffsReturned',
      'handoffsTimedOut',
      'applications',
      'approvals',
    ];
    for (const column of report.columns.filter((c: { key: string }) => c.key !== 'total')) {
      const expected = Object.fromEntries(fields.map((f) => [f, recount[column.key]?.[f] ?? 0]));
      const got = Object.fromEntries(fields.map((f) => [f, column[f]]));
      expect(got, column.key).toEqual(expected);
    }
  });

  it("names the hub's campaigns on a council's campaign report, without a cost", async () => {
    const ashby = (await api.ashby!.get(`/reports/campaigns?${FY}`)).body;
    expect(ashby.hubCampaigns).toEqual({
      hub: 'Foster Vale',
      campaigns: [
        {
          code: 'HUB-SPRING',
          name: 'Spring on the buses',
          channel: 'outdoor',
          enquiries: 1,
          applications: 1,
          approvals: 1,
        },
      ],
    });
    expect(ashby.unknownCodes).toEqual([]);
    expect(ashby.campaigns).toEqual([]);
    const bramley = (await api.bramley!.get(`/reports/campaigns?${FY}`)).body;
    expect(bramley.hubCampaigns.campaigns[0]).toMatchObject({
      code: 'HUB-SPRING',
      enquiries: 1,
      applications: 0,
    });
    // At the hub, narrowed to Bramley: its share of the cost, and its households.
    const hub = (await api.hub!.get(`/reports/campaigns?${FY}&council=bramley`)).body;
    expect(hub.campaigns[0]).toMatchObject({
      code: 'HUB-SPRING',
      costPence: 75_001,
      enquiries: 1,
      costPerEnquiryPence: 75_001,
    });
    expect((await api.hub!.get(`/reports/campaigns?${FY}&council=cotton`)).body.campaigns[0]).toMatchObject({
      costPence: null,
      costPerEnquiryPence: null,
    });
  });
});
