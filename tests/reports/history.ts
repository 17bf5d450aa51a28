import type { Db } from '../../src/db/client.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { recordAttendance } from '../../src/events/bookings.service.ts';
import { EventApi } from '../../src/events/events.schema.ts';
import { createEvent } from '../../src/events/events.service.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { financialYearOf, londonToday } from '../../src/calendar/dates.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { apiClient } from '../helpers/http.ts';

type Step = [to: string, on: string, reason?: string];

/**
 * A small, known history over the last three financial years, entered as staff would (late, with
 * the dates things happened), then rolled up. The past year ("P") has every committee row non-zero.
 */
export async function buildHistory(db: Db, agencyId: string, baseUrl: string) {
  const manager = await makeUser(db, agencyId, 'manager');
  const actor: Actor = { agencyId, userId: manager.id, role: 'manager' };
  const past = financialYearOf(londonToday()).startYear - 1;
  const P = (monthDay: string, offset = 0) => {
    const [m] = monthDay.split('-').map(Number);
    return `${past + offset + (m! < 4 ? 1 : 0)}-${monthDay}`;
  };

  const api = apiClient(baseUrl, await makeApiToken(db, agencyId, manager.id));
  const campaign = await api.post('/campaigns', {
    code: 'BUS',
    name: 'Bus shelters',
    channel: 'outdoor',
    startsOn: P('04-01'),
    endsOn: P('06-30'),
    costs: [{ description: 'Posters', amountPence: 100_000, vat: 'no_vat' }],
  });
  if (campaign.status !== 201) throw new Error(`campaign: ${campaign.status} ${campaign.text}`);

  const household = async (receivedOn: string, steps: Step[], extra: Record<string, unknown> = {}) => {
    const enquiry = await makeEnquiry(
      db,
      agencyId,
      { receivedAt: `${receivedOn}T12:00:00Z`, ...extra },
      actor,
    );
    for (const [to, on, reason] of steps) {
      await transition(db, actor, enquiry.id, parse(Transition, { to, at: on, reason }));
    }
    return enquiry.id;
  };
  const toApproval = (iv: string, app: string, assess: string, panel: string, approved: string): Step[] => [
    ['initial_visit', iv],
    ['application', app],
    ['assessment', assess],
    ['panel', panel],
    ['approved', approved],
  ];

  const a = await household(
    P('04-03'),
    toApproval(P('04-20'), P('05-10'), P('06-01'), P('09-01'), P('09-20')),
    { campaignCode: 'BUS' },
  );
  const b = await household(P('04-15'), [
    ['initial_visit', P('05-02')],
    ['application', P('05-20')],
    ['closed', P('07-01'), 'AW3'],
  ]);
  await household(P('05-05'), toApproval(P('05-12'), P('05-25'), P('06-10'), P('08-01'), P('08-15')), {
    route: 'transfer',
  });
  await household(P('06-01'), [['closed', P('06-10'), 'AW1']], { campaignCode: 'MYSTERY' });
  // The year before: two approvals, both of whom leave in the past year.
  await household(P('10-01', -1), [
    ...toApproval(P('10-10', -1), P('10-20', -1), P('11-01', -1), P('11-20', -1), P('12-01', -1)),
    ['deregistered', P('01-10'), 'standards_of_care'],
  ]);
  await household(P('06-01', -1), [
    ...toApproval(P('06-10', -1), P('06-20', -1), P('07-01', -1), P('08-15', -1), P('09-01', -1)),
    ['deregistered', P('11-05'), 'retired'],
  ]);
  // This year so far: one enquiry, on its first day (which is never in the future).
  await household(`${past + 1}-04-01`, []);

  const session = await createEvent(
    db,
    actor,
    parse(EventApi, {
      kind: 'information_session',
      title: 'Information evening',
      startsAt: `${P('05-14')}T18:00:00Z`,
    }),
  );
  await recordAttendance(db, actor, session.id, a, true);
  await recordAttendance(db, actor, session.id, b, true);

  await refreshAgency(db, agencyId, { full: true });
  return { manager, past, label: `${past}/${String((past + 1) % 100).padStart(2, '0')}` };
}

/** The committee table for the past year, as the page and the CSV must show it. */
export function expectedFunnel(past: number) {
  const months = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'].map(
    (m, i) => `${m} ${i < 9 ? past : past + 1}`,
  );
  const row = (label: string, byMonth: Record<number, number>, comparison: number) => {
    const cells = months.map((_, i) => byMonth[i] ?? 0);
    return [label, ...cells.map(String), String(cells.reduce((s, n) => s + n, 0)), String(comparison)];
  };
  return [
    ['Measure', ...months, 'Total', `${past - 1}/${String(past % 100).padStart(2, '0')}`],
    row('Households attending information sessions', { 1: 2 }, 0),
    row('Enquiries', { 0: 2, 1: 1, 2: 1 }, 2),
    row('Initial visits completed', { 0: 1, 1: 2 }, 2),
    row('Applications received', { 1: 3 }, 2),
    row('Applications ended without approval', { 3: 1 }, 0),
    row('Households approved', { 5: 1 }, 2),
    row('Transfers in from another agency', { 4: 1 }, 0),
  ];
}
