import { beforeAll, describe, expect, it } from 'vitest';
import { londonDate, monthsInRange } from '../../src/calendar/dates.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * The acceptance test for the committee's figures: a known history across two financial years
 * (2024/25 and 2025/26) built through the API, the metrics job run by a real worker, and every
 * cell of the reports checked against a small reference count of the same history written here.
 */

type Step = [stage: string, on: string, reason?: string];
interface Household {
  key: string;
  received: string; // an instant; its Europe/London date is the day that counts
  route?: 'mainstream' | 'transfer';
  campaign?: string;
  steps: Step[];
}

const households: Household[] = [
  {
    key: 'H1',
    received: '2024-05-10T09:00:00Z',
    steps: [
      ['initial_visit', '2024-06-03'],
      ['application', '2024-08-01'],
      ['assessment', '2024-08-20'],
      ['panel', '2025-01-15'],
      ['approved', '2025-01-28'],
    ],
  },
  // Came from the billboard in 2024/25, approved in 2025/26: the approval is still the billboard's.
  {
    key: 'H2',
    received: '2024-09-15T11:00:00Z',
    campaign: 'BUS-25',
    steps: [
      ['initial_visit', '2024-10-01'],
      ['application', '2024-11-05'],
      ['assessment', '2024-11-20'],
      ['panel', '2025-05-10'],
      ['approved', '2025-05-20'],
    ],
  },
  {
    key: 'H3',
    received: '2024-10-02T14:00:00Z',
    campaign: 'bus-25',
    steps: [
      ['initial_visit', '2024-10-20'],
      ['closed', '2024-11-01', 'AW1'],
    ],
  },
  // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST): an April enquiry, in 2025/26.
  { key: 'H4', received: '2025-03-31T23:30:00Z', steps: [['initial_visit', '2025-04-20']] },
  {
    key: 'H5',
    received: '2025-05-15T10:00:00Z',
    campaign: 'FCF-25',
    steps: [
      ['initial_visit', '2025-05-30'],
      ['application', '2025-06-10'],
      ['assessment', '2025-06-20'],
      ['closed', '2025-09-01', 'AW3'],
    ],
  },
  {
    key: 'H6',
    received: '2025-05-20T10:00:00Z',
    campaign: 'FCF-25',
    steps: [
      ['initial_visit', '2025-06-05'],
      ['application', '2025-07-01'],
      ['closed', '2025-07-15', 'AW2'],
    ],
  },
  {
    key: 'H7',
    received: '2025-06-01T10:00:00Z',
    route: 'transfer',
    steps: [
      ['initial_visit', '2025-06-10'],
      ['application', '2025-06-20'],
      ['assessment', '2025-07-01'],
      ['panel', '2025-08-20'],
      ['approved', '2025-09-02'],
    ],
  },
  { key: 'H8', received: '2025-07-05T13:00:00Z', campaign: 'PRIDE', steps: [] },
  {
    key: 'H9',
    received: '2025-11-03T10:00:00Z',
    steps: [
      ['initial_visit', '2025-11-20'],
      ['application', '2026-01-10'],
    ],
  },
  // Carers approved years ago who leave: one retires in 2025/26, one for standards of care in 2024/25.
  {
    key: 'H10',
    received: '2019-01-10T10:00:00Z',
    steps: [
      ['initial_visit', '2019-02-01'],
      ['application', '2019-03-01'],
      ['assessment', '2019-03-20'],
      ['panel', '2019-09-01'],
      ['approved', '2019-09-10'],
      ['deregistered', '2025-10-15', 'retired'],
    ],
  },
  {
    key: 'H11',
    received: '2018-03-01T10:00:00Z',
    steps: [
      ['initial_visit', '2018-03-20'],
      ['application', '2018-04-10'],
      ['assessment', '2018-05-01'],
      ['panel', '2018-09-20'],
      ['approved', '2018-10-01'],
      ['deregistered', '2024-12-01', 'standards_of_care'],
    ],
  },
  {
    key: 'H12',
    received: '2026-02-10T10:00:00Z',
    steps: [
      ['initial_visit', '2026-02-20'],
      ['closed', '2026-03-05', 'not_suitable'],
    ],
  },
  {
    key: 'H13',
    received: '2024-04-15T10:00:00Z',
    steps: [
      ['initial_visit', '2024-05-01'],
      ['application', '2024-06-01'],
      ['assessment', '2024-06-15'],
      ['panel', '2024-12-01'],
      ['closed', '2024-12-10', 'not_recommended'],
    ],
  },
  {
    key: 'H14',
    received: '2025-08-01T10:00:00Z',
    steps: [
      ['initial_visit', '2025-08-10'],
      ['application', '2025-08-20'],
      ['assessment', '2025-09-01'],
      ['panel', '2026-02-01'],
      ['approved', '2026-02-12'],
    ],
  },
];

/** Information sessions (and one community event, which never counts) and who came. */
const sessions = [
  { at: '2024-06-15T09:00:00Z', kind: 'information_session', came: ['H1', 'H13'] },
  { at: '2025-05-28T17:00:00Z', kind: 'information_session', came: ['H5', 'H6'], markedThenUnmarked: ['H4'] },
  { at: '2025-06-12T09:00:00Z', kind: 'information_session', came: ['H5', 'H7'] },
  { at: '2025-06-25T17:00:00Z', kind: 'information_session', came: ['H7'] },
  { at: '2025-07-05T10:00:00Z', kind: 'community_event', came: ['H8'] },
];

const campaigns = [
  {
    code: 'BUS-25',
    name: 'Roadside billboard',
    channel: 'outdoor',
    startsOn: '2024-09-01',
    endsOn: '2024-10-31',
    costs: [
      { description: 'Billboard, 2 months', amountPence: 390_000, vat: 'plus_vat' },
      { description: 'Posters', amountPence: 35_000 },
    ],
  },
  {
    code: 'FCF-25',
    name: 'Foster Care Fortnight',
    channel: 'digital',
    startsOn: '2025-05-12',
    endsOn: '2025-05-25',
    costs: [
      { description: 'Social adverts', amountPence: 60_000 },
      { description: 'Email signatures', amountPence: 0 },
    ],
  },
  {
    code: 'PRIDE',
    name: 'Stall at Pride',
    channel: 'event',
    startsOn: '2025-07-05',
    endsOn: '2025-07-05',
    costs: [],
  },
];

// ---- The reference count: plain loops over the declarations above ----

const events = households.flatMap((h) =>
  h.steps.map(([stage, on, reason], i) => ({
    h,
    stage,
    on,
    reason,
    from: i === 0 ? 'enquiry' : h.steps[i - 1]![0],
  })),
);
const inPeriod = (day: string, from: string, to: string) => day >= from && day <= to;
const receivedOn = (h: Household) => londonDate(new Date(h.received));
const route = (h: Household) => h.route ?? 'mainstream';

function referenceFunnel(from: string, to: string) {
  const month = (day: string) => day.slice(0, 7);
  const count = (days: string[]) =>
    monthsInRange(from, to).map((m) => days.filter((d) => inPeriod(d, from, to) && month(d) === m).length);
  const moved = (match: (e: (typeof events)[number]) => boolean) =>
    count(events.filter(match).map((e) => e.on));
  const sessionDays = new Map<string, string>();
  for (const s of sessions.filter((s) => s.kind === 'information_session')) {
    for (const key of s.came) {
      const day = londonDate(new Date(s.at));
      const id = `${key}|${month(day)}`;
      if (!sessionDays.has(id) || day < sessionDays.get(id)!) sessionDays.set(id, day);
    }
  }
  return {
    information_session_households: count([...sessionDays.values()]),
    enquiries: count(households.map(receivedOn)),
    initial_visits: moved((e) => e.stage === 'initial_visit'),
    applications: moved((e) => e.stage === 'application'),
    applications_ended: moved(
      (e) => e.stage === 'closed' && ['application', 'assessment', 'panel'].includes(e.from),
    ),
    approvals: moved((e) => e.stage === 'approved' && route(e.h) === 'mainstream'),
    transfers_in: moved((e) => e.stage === 'approved' && route(e.h) === 'transfer'),
  };
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const stageOn = (h: Household, day: string) =>
  h.steps.filter(([, on]) => on <= day).at(-1)?.[0] ?? (receivedOn(h) <= day ? 'enquiry' : undefined);
const countEvents = (match: (e: (typeof events)[number]) => boolean, from: string, to: string) =>
  events.filter((e) => match(e) && inPeriod(e.on, from, to)).length;

function referenceNetCarers(from: string, to: string) {
  const approvals = countEvents((e) => e.stage === 'approved' && route(e.h) === 'mainstream', from, to);
  const transfersIn = countEvents((e) => e.stage === 'approved' && route(e.h) === 'transfer', from, to);
  const reasons = ['retired', 'ill_health', 'standards_of_care', 'moved', 'transferred_out', 'other'];
  const byReason = Object.fromEntries(
    reasons.map((r) => [r, countEvents((e) => e.stage === 'deregistered' && e.reason === r, from, to)]),
  );
  const total = sum(Object.values(byReason));
  return {
    approvals,
    transfersIn,
    deregistrations: { total, byReason },
    net: approvals + transfersIn - total,
    inAssessmentAt: households.filter((h) =>
      ['application', 'assessment', 'panel'].includes(stageOn(h, to) ?? ''),
    ).length,
  };
}

function referenceCampaigns(from: string, to: string) {
  const of = (code: string | undefined) =>
    households.filter((h) => (h.campaign?.toUpperCase() ?? undefined) === code);
  const counts = (list: Household[]) => ({
    enquiries: list.filter((h) => inPeriod(receivedOn(h), from, to)).length,
    applications: list.filter((h) => h.steps.some(([s, on]) => s === 'application' && inPeriod(on, from, to)))
      .length,
    approvals: list.filter((h) => h.steps.some(([s, on]) => s === 'approved' && inPeriod(on, from, to)))
      .length,
  });
  const per = (cost: number, n: number) => (n ? Math.round(cost / n) : null);
  return {
    campaigns: campaigns.map((c) => {
      const cost = sum(c.costs.map((l) => l.amountPence));
      const n = counts(of(c.code));
      return {
        code: c.code,
        costPence: cost,
        ...n,
        costPerEnquiryPence: per(cost, n.enquiries),
        costPerApprovalPence: per(cost, n.approvals),
      };
    }),
    unattributed: counts(of(undefined)),
  };
}

// ---- The test ----

describe('committee figures, end to end through the API', () => {
  const ctx = useTestContext();
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, manager.id));
    for (const campaign of campaigns) expect((await api.post('/campaigns', campaign)).status).toBe(201);
    const ids = new Map<string, string>();
    for (const h of households) {
      const created = await api.post(
        '/enquiries',
        enquiryBody({ receivedAt: h.received, route: route(h), campaignCode: h.campaign }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.set(h.key, created.body.id);
      for (const [to, at, reason] of h.steps) {
        const moved = await api.post(`/enquiries/${created.body.id}/transitions`, { to, at, reason });
        expect(moved.status, `${h.key} → ${to}: ${JSON.stringify(moved.body)}`).toBe(200);
      }
    }
    for (const s of sessions) {
      const event = await api.post('/events', {
        kind: s.kind,
        title: 'Fostering information session',
        startsAt: s.at,
        online: true,
      });
      expect(event.status, JSON.stringify(event.body)).toBe(201);
      const mark = (key: string, attended: boolean) =>
        api.post(`/events/${event.body.id}/attendance`, { enquiryId: ids.get(key), attended });
      for (const key of s.came) expect((await mark(key, true)).status).toBe(200);
      for (const key of s.markedThenUnmarked ?? []) {
        await mark(key, true);
        await mark(key, false);
      }
    }

    // Run the metrics job with a real worker, as the API asks for it.
    const worker = ctx().startWorker();
    const asked = await api.post('/metrics/refresh');
    expect(asked.status).toBe(202);
    await waitFor(async () => {
      const status = (await api.get('/metrics/status')).body;
      return status.fullComputedAt && !status.running && status.pendingChanges === 0;
    }, 20_000);
    await worker.close();
  });

  it('fills every cell of the committee table for 2025/26, with 2024/25 beside it', async () => {
    const res = await api.get('/reports/funnel?from=2025-04-01&to=2026-03-31');
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual(monthsInRange('2025-04-01', '2026-03-31'));
    const expected = referenceFunnel('2025-04-01', '2026-03-31');
    const previous = referenceFunnel('2024-04-01', '2025-03-31');
    for (const [measure, byMonth] of Object.entries(expected)) {
      expect(res.body.measures[measure], measure).toEqual({ byMonth, total: sum(byMonth) });
      expect(res.body.comparison.totals[measure], `${measure} in 2024/25`).toBe(
        sum(previous[measure as keyof typeof previous]),
      );
    }
    expect(res.body.comparison).toMatchObject({ label: '2024/25', from: '2024-04-01', to: '2025-03-31' });
    expect(res.body.computedAt).toEqual(expect.any(String));
    // Spot checks that the reference itself reads the history as a committee would.
    expect(res.body.measures.enquiries.byMonth[0]).toBe(1); // H4, received at 00:30 on 1 April London time
    expect(res.body.measures.information_session_households.byMonth.slice(1, 3)).toEqual([2, 2]); // May: H5, H6; June: H5, H7 once
    expect(res.body.measures.transfers_in.total).toBe(1);
    expect(res.body.measures.applications_ended.total).toBe(2);
  });

  it('compares year to date with the same months last year', async () => {
    const res = await api.get('/reports/funnel?from=2025-04-01&to=2025-08-31&compare=same_period');
    expect(res.body.comparison).toMatchObject({ from: '2024-04-01', to: '2024-08-31' });
    const previous = referenceFunnel('2024-04-01', '2024-08-31');
    for (const [measure, byMonth] of Object.entries(previous)) {
      expect(res.body.comparison.totals[measure], measure).toBe(sum(byMonth));
    }
  });

  it('counts net carers for each year', async () => {
    for (const [from, to] of [
      ['2025-04-01', '2026-03-31'],
      ['2024-04-01', '2025-03-31'],
    ]) {
      const res = await api.get(`/reports/net-carers?from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject(referenceNetCarers(from!, to!));
    }
    expect((await api.get('/reports/net-carers?from=2025-04-01&to=2026-03-31')).body.net).toBe(2);
  });

  it('credits campaigns with what their households went on to do, and prices it', async () => {
    for (const [from, to] of [
      ['2025-04-01', '2026-03-31'],
      ['2024-04-01', '2026-03-31'],
    ]) {
      const res = await api.get(`/reports/campaigns?from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      const expected = referenceCampaigns(from!, to!);
      for (const campaign of expected.campaigns) {
        expect(
          res.body.campaigns.find((c: { code: string }) => c.code === campaign.code),
          campaign.code,
        ).toMatchObject(campaign);
      }
      expect(res.body.unattributed).toEqual(expected.unattributed);
    }
    const year = (await api.get('/reports/campaigns?from=2025-04-01&to=2026-03-31')).body;
    expect(year.campaigns.find((c: { code: string }) => c.code === 'BUS-25')).toMatchObject({
      approvals: 1,
      costPerApprovalPence: 425_000,
    });
  });

  it('gives the Ofsted return for 2025/26', async () => {
    const res = await api.get('/reports/ofsted?year=2025');
    expect(res.status).toBe(200);
    const [from, to] = ['2025-04-01', '2026-03-31'];
    const net = referenceNetCarers(from, to);
    const withdrawn = (code: string) =>
      countEvents(
        (e) =>
          e.stage === 'closed' &&
          e.reason === code &&
          ['application', 'assessment', 'panel'].includes(e.from),
        from,
        to,
      );
    expect(res.body).toMatchObject({
      enquiries: households.filter((h) => inPeriod(receivedOn(h), from, to)).length,
      applications: countEvents((e) => e.stage === 'application', from, to),
      approvals: net.approvals,
      transfersIn: net.transfersIn,
      withdrawals: {
        AW0: withdrawn('AW0'),
        AW1: withdrawn('AW1'),
        AW2: withdrawn('AW2'),
        AW3: withdrawn('AW3'),
        AW4: withdrawn('AW4'),
        AW5: withdrawn('AW5'),
      },
      deregistrations: net.deregistrations,
      approvedAtYearEnd: households.filter((h) => stageOn(h, to) === 'approved').length,
      inAssessmentAtYearEnd: net.inAssessmentAt,
    });
    expect(res.body.approvedAtYearEnd).toBe(4);
  });

  it('answers a bad period with 422 and field messages, and keeps reports to managers', async () => {
    const bad = await api.get('/reports/funnel?from=2026-03-31&to=2025-04-01');
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues).toEqual([
      { path: 'to', message: 'The end date must be on or after the start date' },
    ]);
    expect((await api.get('/reports/funnel?from=31/03/2025')).status).toBe(422);
    expect((await api.get('/reports/ofsted?year=twenty')).status).toBe(422);
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const officerApi = apiClient(
      ctx().baseUrl,
      await makeApiToken(ctx().deps.db, ctx().agencyId, officer.id),
    );
    expect((await officerApi.get('/reports/funnel')).status).toBe(403);
    const comms = await makeUser(ctx().deps.db, ctx().agencyId, 'comms');
    const commsApi = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, comms.id));
    expect((await commsApi.get('/reports/campaigns')).status).toBe(200);
    expect((await commsApi.get('/reports/net-carers')).status).toBe(403);
  });
});
