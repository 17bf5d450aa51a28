import { describe, expect, it } from 'vitest';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { addDays, daysBetween, financialYearOf, londonToday } from '../../src/calendar/dates.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

const today = londonToday();
const ago = (days: number) => addDays(today, -days);

/** [days ago received, then each move as [stage, days ago, reason?]] */
const histories: [number, [string, number, string?][]][] = [
  [
    300,
    [
      ['initial_visit', 290],
      ['application', 280],
      ['assessment', 270],
      ['panel', 150],
      ['approved', 140],
    ],
  ],
  [
    260,
    [
      ['initial_visit', 250],
      ['application', 240],
      ['assessment', 230],
      ['closed', 200, 'AW3'],
    ],
  ],
  [
    200,
    [
      ['initial_visit', 190],
      ['application', 185],
      ['assessment', 180],
      ['panel', 60],
      ['approved', 50],
    ],
  ],
  [
    100,
    [
      ['initial_visit', 95],
      ['application', 90],
      ['assessment', 80],
    ],
  ],
  [
    180,
    [
      ['initial_visit', 175],
      ['application', 170],
      ['assessment', 165],
      ['panel', 5],
    ],
  ],
];

describe('targets and their projection', () => {
  const ctx = useTestContext();

  it('sets a target, counts progress and projects the year from the pipeline and its history', async () => {
    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, manager.id));
    for (const [received, moves] of histories) {
      const { body } = await api.post('/enquiries', enquiryBody({ receivedAt: ago(received) }));
      for (const [to, days, reason] of moves) {
        expect(
          (await api.post(`/enquiries/${body.id}/transitions`, { to, at: ago(days), reason })).status,
        ).toBe(200);
      }
    }
    await refreshAgency(ctx().deps.db, ctx().agencyId, { full: true });
    const year = financialYearOf(today);
    expect((await api.post('/targets', { kind: 'financial', year: year.startYear, carers: 5 })).status).toBe(
      201,
    );
    // Setting it again changes the number rather than adding a second target.
    expect((await api.post('/targets', { kind: 'financial', year: year.startYear, carers: 6 })).status).toBe(
      201,
    );
    const bad = await api.post('/targets', { kind: 'decade', year: 'soon', carers: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'carers',
      'kind',
      'year',
    ]);
    // A field the API does not take is refused, never silently ignored (issue 12 §3).
    const extra = await api.post('/targets', { kind: 'calendar', year: 2026, carers: 5, carer: 6 });
    expect(extra.status).toBe(422);
    expect(extra.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['carer']);

    const { items } = (await api.get('/targets')).body;
    expect(items).toHaveLength(1);
    const target = items[0];
    const achieved = [140, 50].filter((d) => ago(d) >= year.start).length;
    expect(target).toMatchObject({ carers: 6, achieved, stillNeeded: 6 - achieved, status: 'current' });

    // From the history: everyone moved on from each stage except one household closed in assessment
    // (3 of 4 went on to panel); all at panel were approved. Medians: panel 10 days, assessment 120.
    const byStage = Object.fromEntries(target.projection.byStage.map((s: { stage: string }) => [s.stage, s]));
    expect(byStage.panel).toMatchObject({ households: 1, chancePercent: 100, typicalDaysToApproval: 10 });
    expect(byStage.assessment).toMatchObject({
      households: 1,
      chancePercent: 75,
      typicalDaysToApproval: 130,
    });
    const daysLeft = daysBetween(today, year.end);
    const expected = (10 <= daysLeft ? 1 : 0) + (130 <= daysLeft ? 0.75 : 0);
    expect(target.projection.expected).toBeCloseTo(expected);
    expect(target.projected).toBe(achieved + Math.round(expected));

    expect((await api.delete(`/targets/${target.id}`)).status).toBe(204);
    expect((await api.get('/targets')).body.items).toEqual([]);
    const comms = await makeUser(ctx().deps.db, ctx().agencyId, 'comms');
    const commsApi = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, comms.id));
    expect((await commsApi.post('/targets', { kind: 'calendar', year: 2026, carers: 5 })).status).toBe(403);
  });
});
