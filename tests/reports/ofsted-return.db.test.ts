import { beforeAll, describe, expect, it } from 'vitest';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { ofstedReturn } from '../../src/reports/ofsted.service.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { completeStageOne } from '../helpers/checks.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

/**
 * The acceptance test for counting by route and the Ofsted return, on PostgreSQL and PGlite: a known
 * history over 2024/25 and 2025/26 entered through the API (mainstream, transfer and family and
 * friends households; withdrawals before panel, at panel before and after the panel considered
 * them; a household approved and deregistered in the same year; application-to-approval either
 * side of 8 months), then every field of the return and the committee table's totals for each
 * route against values counted by hand from the list below (the sums are in the comments).
 */

type Step = [stage: string, on: string, reason?: string];
type Route = 'mainstream' | 'transfer' | 'family_and_friends';
interface Household {
  key: string;
  received: string;
  route?: Route;
  campaign?: string;
  steps: Step[];
  /** Booked onto a panel meeting on this day from assessment (which moves it to panel that day). */
  panel?: { meetsOn: string; recommended: boolean; withdrawn?: boolean; after: Step[] };
}
const toAssessment = (iv: string, app: string, assess: string): Step[] => [
  ['initial_visit', iv],
  ['application', app],
  ['assessment', assess],
];

const households: Household[] = [
  // ---- 2024/25 ----
  {
    key: 'M1',
    received: '2024-05-01',
    steps: [
      ...toAssessment('2024-05-20', '2024-06-03', '2024-06-20'),
      ['panel', '2025-01-10'],
      ['approved', '2025-01-20'],
    ],
  }, // 231 days, within 8 months
  {
    key: 'M2',
    received: '2024-06-10',
    steps: [
      ...toAssessment('2024-06-20', '2024-07-01', '2024-07-15'),
      ['panel', '2025-03-01'],
      ['approved', '2025-03-05'],
      ['deregistered', '2025-03-20', 'retired'],
    ],
  }, // 247 days, over (8 months = 1 March); approved and deregistered in 2024/25
  { key: 'M9', received: '2024-09-01', steps: [['closed', '2024-09-10', 'AW1']] }, // not an application: never a withdrawal
  {
    key: 'M10',
    received: '2024-08-01',
    steps: [
      ['initial_visit', '2024-08-10'],
      ['application', '2024-08-20'],
      ['closed', '2024-10-01', 'AW3'],
    ],
  },
  {
    key: 'M11',
    received: '2024-04-20',
    steps: [
      ...toAssessment('2024-05-01', '2024-05-10', '2024-05-20'),
      ['panel', '2024-12-01'],
      ['closed', '2024-12-10', 'not_recommended'],
    ],
  },
  {
    key: 'M14',
    received: '2024-04-05',
    steps: [
      ...toAssessment('2024-04-15', '2024-04-25', '2024-05-05'),
      ['panel', '2024-11-01'],
      ['approved', '2024-11-10'],
      ['deregistered', '2025-05-01', 'other'],
    ],
  }, // 199 days
  {
    key: 'F3',
    route: 'family_and_friends',
    received: '2024-06-01',
    steps: [
      ...toAssessment('2024-06-05', '2024-06-10', '2024-06-20'),
      ['panel', '2024-09-20'],
      ['approved', '2024-10-01'],
    ],
  }, // 113 days
  // ---- Approved years ago ----
  {
    key: 'M12',
    received: '2019-05-01',
    steps: [
      ...toAssessment('2019-05-10', '2019-06-01', '2019-06-10'),
      ['panel', '2019-12-01'],
      ['approved', '2020-01-10'],
      ['deregistered', '2025-07-01', 'moved'],
    ],
  },
  {
    key: 'M13',
    received: '2020-05-01',
    steps: [
      ...toAssessment('2020-05-10', '2020-06-01', '2020-06-10'),
      ['panel', '2020-12-01'],
      ['approved', '2021-01-10'],
    ],
  },
  // ---- 2025/26 ----
  {
    key: 'M3',
    received: '2025-06-01',
    campaign: 'FCF-25',
    steps: [
      ...toAssessment('2025-06-10', '2025-06-30', '2025-07-10'),
      ['panel', '2026-02-20'],
      ['approved', '2026-02-28'],
    ],
  }, // 243 days: 8 months from 30 June is 28 February, within
  {
    key: 'M4',
    received: '2025-05-01',
    steps: [
      ...toAssessment('2025-05-10', '2025-05-31', '2025-06-15'),
      ['panel', '2026-01-20'],
      ['approved', '2026-02-01'],
    ],
  }, // 246 days: 8 months from 31 May is 31 January, over
  {
    key: 'M5',
    received: '2025-04-10',
    steps: [...toAssessment('2025-04-20', '2025-05-01', '2025-05-20'), ['closed', '2025-09-10', 'AW4']],
  },
  {
    key: 'M6',
    received: '2025-04-15',
    steps: [
      ...toAssessment('2025-04-25', '2025-05-05', '2025-05-25'),
      ['panel', '2025-10-01'],
      ['closed', '2025-10-15', 'AW2'],
    ],
  }, // at panel, no panel held for it
  {
    key: 'M7',
    received: '2025-04-25',
    steps: toAssessment('2025-05-05', '2025-05-15', '2025-06-01'),
    panel: {
      meetsOn: '2025-11-20',
      recommended: false,
      withdrawn: true,
      after: [['closed', '2025-12-01', 'AW0']],
    },
  }, // deferred from panel, then withdrew: not considered
  {
    key: 'M8',
    received: '2025-04-20',
    steps: toAssessment('2025-05-01', '2025-05-10', '2025-05-30'),
    panel: { meetsOn: '2025-10-16', recommended: true, after: [['closed', '2025-10-20', 'AW1']] },
  }, // withdrew after the panel considered it: not counted
  {
    key: 'M15',
    received: '2025-11-01',
    steps: [
      ['initial_visit', '2025-11-10'],
      ['application', '2026-01-05'],
    ],
  }, // in assessment on 31 March
  {
    key: 'T1',
    route: 'transfer',
    received: '2025-06-01',
    steps: [
      ...toAssessment('2025-06-10', '2025-06-20', '2025-07-01'),
      ['panel', '2025-08-01'],
      ['approved', '2025-08-10'],
    ],
  },
  {
    key: 'F1',
    route: 'family_and_friends',
    received: '2025-05-01',
    campaign: 'FCF-25',
    steps: [
      ...toAssessment('2025-05-05', '2025-05-10', '2025-05-20'),
      ['panel', '2025-09-01'],
      ['approved', '2025-09-15'],
      ['deregistered', '2026-01-10', 'ill_health'],
    ],
  }, // 128 days; approved and deregistered in 2025/26
  {
    key: 'F2',
    route: 'family_and_friends',
    received: '2025-07-01',
    steps: [
      ['initial_visit', '2025-07-05'],
      ['application', '2025-07-10'],
      ['closed', '2025-08-01', 'AW3'],
    ],
  },
  { key: 'F4', route: 'family_and_friends', received: '2025-10-01', steps: [] },
];

const none = { AW1: 0, AW2: 0, AW3: 0, AW4: 0, AW5: 0, AW0: 0 };
const byReason = (counts: Record<string, number>) => ({
  retired: 0,
  ill_health: 0,
  standards_of_care: 0,
  moved: 0,
  transferred_out: 0,
  other: 0,
  ...counts,
});

/** 2024/25. Mainstream: M1, M2, M9, M10, M11, M14 enquired; the stock on 1 April 2024 was M12, M13. */
const mainstream2024 = {
  enquiries: 6, // M1, M2, M9, M10, M11, M14
  applications: 5, // M1, M2, M10, M11, M14
  approvals: 3, // M14 (Nov), M1 (Jan), M2 (Mar)
  transfersIn: 0,
  withdrawals: { ...none, AW3: 1, total: 1 }, // M10; M9 closed as an enquiry, not an application
  serviceDecisions: { not_suitable: 0, not_recommended: 1, refused: 0, total: 1 }, // M11
  deregistrations: { total: 1, byReason: byReason({ retired: 1 }) }, // M2
  approvedAtYearEnd: 4, // M1, M14, M12, M13
  inAssessmentAtYearEnd: 0,
  approvedAndDeregisteredInYear: 1, // M2
  activeAt31March: 2, // M1, M14
  applicationToApproval: { count: 3, medianDays: 231, within8Months: 2 }, // 199, 231, 247 days; 247 is over
  deregistrationRate: { numerator: 1, denominator: 5, rate: 0.2 }, // M2 ÷ (M12, M13 + M14, M1, M2)
};
const family2024 = {
  enquiries: 1, // F3
  applications: 1,
  approvals: 1,
  withdrawals: { ...none, total: 0 },
  serviceDecisions: { not_suitable: 0, not_recommended: 0, refused: 0, total: 0 },
  deregistrations: { total: 0, byReason: byReason({}) },
  approvedAtYearEnd: 1,
  inAssessmentAtYearEnd: 0,
  approvedAndDeregisteredInYear: 0,
  activeAt31March: 1,
  applicationToApproval: { count: 1, medianDays: 113, within8Months: 1 },
  deregistrationRate: { numerator: 0, denominator: 1, rate: 0 },
};
/** 2025/26. Mainstream stock on 1 April 2025: M1, M14, M12, M13. */
const mainstream2025 = {
  enquiries: 8, // M3, M4, M5, M6, M7, M8, M15, T1
  applications: 8, // the same eight
  approvals: 2, // M4 (Feb), M3 (Feb)
  transfersIn: 1, // T1
  withdrawals: { ...none, AW4: 1, AW2: 1, AW0: 1, total: 3 }, // M5, M6, M7; not M8 (after the panel considered it)
  serviceDecisions: { not_suitable: 0, not_recommended: 0, refused: 0, total: 0 },
  deregistrations: { total: 2, byReason: byReason({ moved: 1, other: 1 }) }, // M12, M14
  approvedAtYearEnd: 5, // M1, M13, M3, M4, T1
  inAssessmentAtYearEnd: 1, // M15
  approvedAndDeregisteredInYear: 0,
  activeAt31March: 2, // M3, M4
  applicationToApproval: { count: 2, medianDays: 243, within8Months: 1 }, // 243 (within), 246 (over); T1 is a transfer
  deregistrationRate: { numerator: 2, denominator: 7, rate: 0.2857 }, // (M12, M14) ÷ (4 at the start + M3, M4, T1)
};
const family2025 = {
  enquiries: 3, // F1, F2, F4
  applications: 2, // F1, F2
  approvals: 1, // F1
  withdrawals: { ...none, AW3: 1, total: 1 }, // F2
  serviceDecisions: { not_suitable: 0, not_recommended: 0, refused: 0, total: 0 },
  deregistrations: { total: 1, byReason: byReason({ ill_health: 1 }) }, // F1
  approvedAtYearEnd: 1, // F3
  inAssessmentAtYearEnd: 0,
  approvedAndDeregisteredInYear: 1, // F1
  activeAt31March: 0,
  applicationToApproval: { count: 1, medianDays: 128, within8Months: 1 },
  deregistrationRate: { numerator: 1, denominator: 2, rate: 0.5 }, // F1 ÷ (F3 + F1)
};

/** The committee table's totals for 2025/26 by route, and 2024/25's beside them (mainstream). */
const funnel2025 = {
  mainstream: {
    enquiries: 8,
    initial_visits: 8,
    applications: 8,
    applications_ended: 4,
    approvals: 2,
    transfers_in: 1,
  }, // ended: M5, M6, M7, M8
  family_and_friends: {
    enquiries: 3,
    initial_visits: 2,
    applications: 2,
    applications_ended: 1,
    approvals: 1,
    transfers_in: 0,
  },
  all: {
    enquiries: 11,
    initial_visits: 10,
    applications: 10,
    applications_ended: 5,
    approvals: 3,
    transfers_in: 1,
  },
};
const mainstream2024Totals = {
  enquiries: 6,
  initial_visits: 5,
  applications: 5,
  applications_ended: 2,
  approvals: 3,
  transfers_in: 0,
};

describe('the Ofsted return and counting by route', () => {
  const ctx = useTestContext();
  let api: ReturnType<typeof apiClient>;

  const post = async (path: string, body: unknown) => {
    const res = await api.post(path, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const move = (id: string, steps: Step[]) =>
    steps.reduce(
      (done, [to, at, reason]) => done.then(() => post(`/enquiries/${id}/transitions`, { to, at, reason })),
      Promise.resolve(),
    );

  beforeAll(async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, manager.id));
    await post('/campaigns', {
      code: 'FCF-25',
      name: 'Foster Care Fortnight',
      channel: 'digital',
      startsOn: '2025-05-01',
      costs: [],
    });
    for (const h of households) {
      const body = enquiryBody({
        receivedAt: `${h.received}T10:00:00Z`,
        route: h.route ?? 'mainstream',
        campaignCode: h.campaign,
      });
      const { id } = await post('/enquiries', body);
      await move(id, h.steps);
      if (!h.panel) continue;
      const panel = await post('/panels', { meetsOn: h.panel.meetsOn, chair: 'Pat Chair', capacity: 4 });
      await completeStageOne(ctx().deps.db, id);
      const booked = await post(`/panels/${panel.id}/cases`, { enquiryId: id });
      expect(booked.movedToPanel).toBe(true);
      if (h.panel.recommended)
        await post(`/panels/${panel.id}/cases/${booked.id}/recommendation`, { recommendation: 'approve' });
      if (h.panel.withdrawn) await post(`/panels/${panel.id}/cases/${booked.id}/withdraw`, {});
      await move(id, h.panel.after);
    }
  });

  it('gives every field of the return, for both routes, in each year; the incremental and full roll-ups agree', async () => {
    // The days marked by the triggers first (the incremental path), then a full rebuild.
    await refreshAgency(ctx().deps.db, ctx().agencyId, { full: false });
    const incremental = (await api.get('/reports/ofsted?year=2025')).body;
    await refreshAgency(ctx().deps.db, ctx().agencyId, { full: true });
    for (const [year, main, family] of [
      [2024, mainstream2024, family2024],
      [2025, mainstream2025, family2025],
    ] as const) {
      const res = await api.get(`/reports/ofsted?year=${year}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        ...main,
        route: 'mainstream',
        finished: true,
        asOf: `${year + 1}-03-31`,
      });
      expect(res.body.familyAndFriends).toEqual(family);
      // route=all: every household; route=family_and_friends: the same as the familyAndFriends block.
      const ff = (await api.get(`/reports/ofsted?year=${year}&route=family_and_friends`)).body;
      expect(ff).toMatchObject({ ...family, route: 'family_and_friends', transfersIn: 0 });
    }
    const all = (await api.get('/reports/ofsted?year=2025&route=all')).body;
    expect(all).toMatchObject({
      enquiries: 11,
      approvals: 3,
      transfersIn: 1,
      approvedAndDeregisteredInYear: 1,
      activeAt31March: 2,
    });
    expect(all.withdrawals.total).toBe(4); // M5, M6, M7, F2
    const full = (await api.get('/reports/ofsted?year=2025')).body;
    expect({ ...incremental, computedAt: null }).toEqual({ ...full, computedAt: null });
    expect(full.withdrawalWording).toEqual({
      AW1: 'Fostering was not as the applicant expected',
      AW2: 'Assessment process was not as the applicant expected',
      AW3: 'Household circumstances changed during the assessment (other than for financial reasons)',
      AW4: 'Applicant was unable to continue the process for financial reasons',
      AW5: 'Applicant was concerned about the risk of allegations',
      AW0: 'Other reason/unknown reason',
    });
  });

  it('labels a year still running "so far" and counts its stocks today', async () => {
    const running = await ofstedReturn(ctx().deps.db, ctx().agencyId, 2025, '2025-12-01');
    expect(running).toMatchObject({ finished: false, asOf: '2025-12-01' });
    expect(running.withdrawals).toMatchObject({ AW4: 1, AW2: 1, AW0: 1, total: 3 }); // M7 withdrew on 1 December itself
    expect(running.approvedAtYearEnd).toBe(3); // M1, M13, T1 (M12 and M14 had left)
    expect(running.inAssessmentAtYearEnd).toBe(2); // M3, M4
    expect(running.approvals).toBe(0);
    expect(running.familyAndFriends).toMatchObject({
      approvals: 1,
      approvedAndDeregisteredInYear: 0,
      activeAt31March: 1,
    }); // F1 leaves in January
  });

  it('counts the committee table, net carers, conversion and campaigns by route', async () => {
    for (const route of ['mainstream', 'family_and_friends', 'all'] as const) {
      const res = await api.get(`/reports/funnel?from=2025-04-01&to=2026-03-31&route=${route}`);
      expect(res.status).toBe(200);
      expect(res.body.route).toBe(route);
      for (const [measure, total] of Object.entries(funnel2025[route])) {
        expect(res.body.measures[measure].total, `${route} ${measure}`).toBe(total);
      }
    }
    const byDefault = (await api.get('/reports/funnel?from=2025-04-01&to=2026-03-31')).body;
    expect(byDefault.route).toBe('mainstream');
    expect(byDefault.measures.approvals.byMonth[10]).toBe(2); // February 2026: M4, M3
    for (const [measure, total] of Object.entries(mainstream2024Totals)) {
      expect(byDefault.comparison.totals[measure], `2024/25 ${measure}`).toBe(total);
    }

    const net = (await api.get('/reports/net-carers?year=2025&route=family_and_friends')).body;
    expect(net).toMatchObject({
      approvals: 1,
      transfersIn: 0,
      deregistrations: { total: 1 },
      net: 0,
      approvedAt: 1,
    });
    expect((await api.get('/reports/net-carers?year=2025')).body).toMatchObject({
      approvals: 2,
      transfersIn: 1,
      net: 1,
    });
    const conversion = (await api.get('/reports/conversion?year=2025&route=family_and_friends')).body;
    expect(conversion.headline).toMatchObject({ enquiries: 3, applications: 2, approvals: 1 });

    // F1 carried the campaign's code too, but family and friends households are never credited to campaigns.
    for (const route of ['mainstream', 'all']) {
      const campaigns = (await api.get(`/reports/campaigns?year=2025&route=${route}`)).body;
      expect(campaigns.campaigns[0]).toMatchObject({
        code: 'FCF-25',
        enquiries: 1,
        applications: 1,
        approvals: 1,
      });
    }
    const family = (await api.get('/reports/campaigns?year=2025&route=family_and_friends')).body;
    expect(family).toMatchObject({
      attributed: false,
      unattributed: { enquiries: 0, applications: 0, approvals: 0 },
    });
    expect(family.campaigns[0]).toMatchObject({ code: 'FCF-25', enquiries: 0, approvals: 0 });
  });

  it('refuses an unknown route with 422, on the API and the CSV', async () => {
    for (const path of ['funnel', 'net-carers', 'campaigns', 'conversion', 'ofsted']) {
      const res = await api.get(`/reports/${path}?year=2025&route=bogus`);
      expect(res.status, path).toBe(422);
      expect(res.body.error.issues).toEqual([
        { path: 'route', message: 'Choose mainstream, family_and_friends or all' },
      ]);
    }
    expect((await api.get('/reports/time-in-stage?year=2025&route=all')).status).toBe(422); // not counted by route
  });
});
