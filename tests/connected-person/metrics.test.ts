/**
 * The metric roll-ups carry the route as a dimension: a family and friends household's figures are
 * stored under its own route (never dropped, never merged into mainstream), move when its route is
 * changed, and every report page, CSV and API answers with it present. How each report counts the
 * route is issue 16 §2 (i16-ofsted); this only proves the value flows through.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { changeRoute } from '../../src/connected-person/connected-person.service.ts';
import { rows } from '../../src/db/rows.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { systemActor, type Actor } from '../../src/shared/actor.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

describe('family and friends in the metric roll-ups and reports', () => {
  const ctx = useTestContext();
  const today = londonToday();

  const countsByRoute = async () =>
    rows<{ route: string; measure: string; stage: string; n: number }>(
      ctx().deps.db,
      sql`select route, measure, stage, sum(n)::int as n from metric_counts
          where agency_id = ${ctx().agencyId} and measure in ('enquiries', 'moves')
          group by route, measure, stage order by route, measure, stage`,
    );

  it('stores the route in the roll-ups, moves it when the route changes, and every report still answers', async () => {
    const db = ctx().deps.db;
    const actor: Actor = { ...systemActor(ctx().agencyId, 'test'), role: 'manager' };
    const e = await makeEnquiry(db, ctx().agencyId, {
      route: 'family_and_friends',
      placedOn: addDays(today, -60),
      receivedAt: addDays(today, -50),
    });
    for (const [to, days] of [
      ['initial_visit', 45],
      ['application', 40],
      ['assessment', 30],
      ['panel', 5],
      ['approved', 1],
    ] as const) {
      await transition(db, actor, e.id, parse(Transition, { to, at: addDays(today, -days) }));
    }
    await refreshAgency(db, ctx().agencyId, { full: true });
    const ff = (await countsByRoute()).filter((r) => r.route === 'family_and_friends');
    expect(ff).toEqual([
      { route: 'family_and_friends', measure: 'enquiries', stage: '', n: 1 },
      { route: 'family_and_friends', measure: 'moves', stage: 'application', n: 1 },
      { route: 'family_and_friends', measure: 'moves', stage: 'approved', n: 1 },
      { route: 'family_and_friends', measure: 'moves', stage: 'assessment', n: 1 },
      { route: 'family_and_friends', measure: 'moves', stage: 'enquiry', n: 1 },
      { route: 'family_and_friends', measure: 'moves', stage: 'initial_visit', n: 1 },
      { route: 'family_and_friends', measure: 'moves', stage: 'panel', n: 1 },
    ]);

    const manager = await makeUser(db, ctx().agencyId, 'manager');
    const api = apiClient(ctx().baseUrl, await makeApiToken(db, ctx().agencyId, manager.id));
    for (const path of ['funnel', 'net-carers', 'campaigns', 'conversion', 'time-in-stage', 'ofsted']) {
      expect((await api.get(`/reports/${path}`)).status, path).toBe(200);
    }
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(manager.email, manager.password);
    for (const path of ['funnel', 'net-carers', 'conversion', 'time-in-stage', 'ofsted']) {
      expect((await browser.get(`/reports/${path}`)).status, path).toBe(200);
      expect((await browser.get(`/reports/${path}.csv`)).status, `${path}.csv`).toBe(200);
    }
    expect((await browser.get('/dashboard')).status).toBe(200);

    // A route corrected later moves the household's figures with it (the enquiries trigger marks its days).
    await changeRoute(db, actor, e.id, { route: 'mainstream', placedOn: null });
    await refreshAgency(db, ctx().agencyId, { full: false });
    const after = await countsByRoute();
    expect(after.filter((r) => r.route === 'family_and_friends')).toEqual([]);
    expect(
      after.find((r) => r.route === 'mainstream' && r.measure === 'moves' && r.stage === 'approved')?.n,
    ).toBe(1);
  });
});
