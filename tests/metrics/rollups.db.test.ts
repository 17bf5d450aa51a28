import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import type { Db } from '../../src/db/client.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { findEnquiry } from '../../src/enquiries/enquiries.repo.ts';
import { recordAttendance } from '../../src/events/bookings.service.ts';
import { EventApi } from '../../src/events/events.schema.ts';
import { createEvent } from '../../src/events/events.service.ts';
import { recomputeEverything, refreshAgency } from '../../src/metrics/metrics.service.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { nextStages, type Stage } from '../../src/pipeline/stages.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { entries, recount, rolledUp } from './recount.ts';

const DAY = 86_400_000;
const closeReason: Partial<Record<Stage, string>> = {
  enquiry: 'AW1',
  initial_visit: 'not_suitable',
  application: 'AW3',
  assessment: 'AW2',
  panel: 'not_recommended',
};

/** A fresh agency with a manager (who may record any reason) and three past events. */
async function newAgency(db: Db) {
  const agency = await insertAgency(db, { name: 'Property Fostering', slug: `p${crypto.randomUUID()}` });
  const manager = await makeUser(db, agency.id, 'manager');
  const actor: Actor = { agencyId: agency.id, userId: manager.id, role: 'manager' };
  const event = (kind: string, daysAgo: number) =>
    createEvent(
      db,
      actor,
      parse(EventApi, {
        kind,
        title: 'Session',
        startsAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
      }),
    );
  // Two sessions in the same month a year ago (a household at both counts once), one recent, and a
  // community event (not an information session: never counted).
  const sessions = [await event('information_session', 400), await event('information_session', 395)];
  sessions.push(await event('information_session', 20), await event('community_event', 30));
  return { agencyId: agency.id, actor, sessionIds: sessions.map((s) => s.id) };
}

async function expectRollupsMatchRecount(db: Db, agencyId: string) {
  expect(entries(await rolledUp(db, agencyId))).toEqual(entries(await recount(db, agencyId)));
}

/** Moves a household on (or closes it) `gapDays` after its last event, never later than now. */
async function advance(db: Db, actor: Actor, enquiryId: string, close: boolean, gapDays: number) {
  const enquiry = (await findEnquiry(db, actor.agencyId, enquiryId))!;
  const options = nextStages[enquiry.stage] as readonly Stage[];
  if (options.length === 0) return;
  const to = close && options.includes('closed') ? 'closed' : options[0]!;
  const at = new Date(Math.min(Date.now() - 1000, enquiry.stageSince.getTime() + gapDays * DAY));
  const reason = to === 'closed' ? closeReason[enquiry.stage] : to === 'deregistered' ? 'retired' : undefined;
  await transition(db, actor, enquiryId, parse(Transition, { to, at: at.toISOString(), reason }));
}

describe('metric roll-ups', () => {
  const ctx = useDbContext();

  it('equal a recount from the raw rows after a full and after an incremental refresh', async () => {
    const { db } = ctx().database;
    const { agencyId, actor, sessionIds } = await newAgency(db);
    const ids: string[] = [];
    for (const [i, daysAgo] of [700, 420, 390, 200, 60, 3].entries()) {
      const enquiry = await makeEnquiry(
        db,
        agencyId,
        {
          receivedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
          route: i === 2 ? 'transfer' : 'mainstream',
          campaignCode: i % 2 ? 'BUS-26' : undefined,
          heardAbout: i % 3 ? 'radio_tv' : undefined,
        },
        actor,
      );
      ids.push(enquiry.id);
    }
    for (let step = 0; step < 7; step++) await advance(db, actor, ids[0]!, false, 40);
    for (let step = 0; step < 5; step++) await advance(db, actor, ids[2]!, false, 20);
    await advance(db, actor, ids[1]!, false, 10);
    await advance(db, actor, ids[1]!, true, 30);
    await recordAttendance(db, actor, sessionIds[0]!, ids[1]!, true);
    await recordAttendance(db, actor, sessionIds[1]!, ids[1]!, true);

    await refreshAgency(db, agencyId, { full: true });
    await expectRollupsMatchRecount(db, agencyId);
    expect((await rolledUp(db, agencyId)).size).toBeGreaterThan(20);

    // Later changes, some backdated: only the days they touch are rebuilt, and the figures still agree.
    await advance(db, actor, ids[3]!, false, 15);
    await advance(db, actor, ids[4]!, true, 2);
    await recordAttendance(db, actor, sessionIds[2]!, ids[5]!, true);
    await recordAttendance(db, actor, sessionIds[1]!, ids[1]!, false);
    await recordAttendance(db, actor, sessionIds[3]!, ids[5]!, true);
    const outcome = await refreshAgency(db, agencyId, { full: false });
    expect(outcome.days).toBeGreaterThan(0);
    expect(outcome.days).toBeLessThan(10);
    await expectRollupsMatchRecount(db, agencyId);
    // Nothing left to do: a second refresh rebuilds no days.
    expect((await refreshAgency(db, agencyId, { full: false })).days).toBe(0);
  });

  it("equal each council's recount when every agency is rebuilt together (one statement per measure)", async () => {
    const { db } = ctx().database;
    const councils = [await newAgency(db), await newAgency(db), await newAgency(db)];
    for (const [c, { agencyId, actor, sessionIds }] of councils.entries()) {
      const ids: string[] = [];
      for (const [i, daysAgo] of [500, 300, 90, 10].entries()) {
        const enquiry = await makeEnquiry(
          db,
          agencyId,
          {
            receivedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
            route: (i + c) % 3 === 0 ? 'transfer' : 'mainstream',
            campaignCode: i % 2 ? 'BUS-26' : undefined,
            heardAbout: (i + c) % 2 ? 'radio_tv' : undefined,
          },
          actor,
        );
        ids.push(enquiry.id);
      }
      // Council c moves its first household on 2 + 2c times (up to approved), and closes its second.
      for (let step = 0; step < 2 + 2 * c; step++) await advance(db, actor, ids[0]!, false, 30);
      await advance(db, actor, ids[1]!, true, 5);
      await recordAttendance(db, actor, sessionIds[0]!, ids[1]!, true);
      await recordAttendance(db, actor, sessionIds[1]!, ids[2]!, true);
    }

    await recomputeEverything(db);
    const together = await Promise.all(councils.map((c) => rolledUp(db, c.agencyId)));
    const total = (counted: Map<string, number>, measure: string) =>
      [...counted].filter(([key]) => key.startsWith(`${measure}|`)).reduce((sum, [, n]) => sum + n, 0);
    for (const [c, { agencyId }] of councils.entries()) {
      // By hand: 4 enquiries each; 4 first events + 2 + 2c moves on + 1 closure.
      expect(total(together[c]!, 'enquiries')).toBe(4);
      expect(total(together[c]!, 'moves')).toBe(4 + 2 + 2 * c + 1);
      expect(entries(together[c]!)).toEqual(entries(await recount(db, agencyId)));
      // The same rows as a full refresh of that council alone.
      await refreshAgency(db, agencyId, { full: true });
      expect(entries(await rolledUp(db, agencyId))).toEqual(entries(together[c]!));
    }
  });

  it('equal a recount after any sequence of changes (property)', async () => {
    const { db } = ctx().database;
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('enquire' as const),
        daysAgo: fc.integer({ min: 0, max: 800 }),
        route: fc.constantFrom('mainstream', 'transfer', 'family_and_friends'),
        campaign: fc.constantFrom(undefined, 'BUS-26', 'radio'),
        heard: fc.constantFrom(undefined, 'radio_tv', 'friend_family'),
      }),
      fc.record({
        kind: fc.constant('advance' as const),
        pick: fc.nat(),
        close: fc.boolean(),
        gapDays: fc.integer({ min: 0, max: 150 }),
      }),
      fc.record({
        kind: fc.constant('attend' as const),
        pick: fc.nat(),
        session: fc.nat(3),
        attended: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('recode' as const),
        pick: fc.nat(),
        campaign: fc.constantFrom(null, 'TV'),
      }),
      // A route corrected afterwards: every day the household counts on moves to the new route.
      fc.record({
        kind: fc.constant('reroute' as const),
        pick: fc.nat(),
        route: fc.constantFrom('mainstream', 'transfer', 'family_and_friends'),
      }),
      fc.record({ kind: fc.constant('refresh' as const) }),
    );

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const { agencyId, actor, sessionIds } = await newAgency(db);
        const ids: string[] = [];
        await refreshAgency(db, agencyId, { full: true });
        for (const o of ops) {
          const target = 'pick' in o && ids.length ? ids[o.pick % ids.length]! : undefined;
          if (o.kind === 'enquire') {
            const enquiry = await makeEnquiry(
              db,
              agencyId,
              {
                receivedAt: new Date(Date.now() - o.daysAgo * DAY - 3_600_000).toISOString(),
                route: o.route,
                campaignCode: o.campaign,
                heardAbout: o.heard,
              },
              actor,
            );
            ids.push(enquiry.id);
          } else if (o.kind === 'advance' && target) {
            await advance(db, actor, target, o.close, o.gapDays);
          } else if (o.kind === 'attend' && target) {
            await recordAttendance(db, actor, sessionIds[o.session]!, target, o.attended).catch(
              () => undefined,
            );
          } else if (o.kind === 'recode' && target) {
            // A correction made straight in the database: the triggers must still notice it.
            await db.execute(sql`update enquiries set campaign_code = ${o.campaign} where id = ${target}`);
          } else if (o.kind === 'reroute' && target) {
            await db.execute(sql`update enquiries set route = ${o.route} where id = ${target}`);
          } else if (o.kind === 'refresh') {
            await refreshAgency(db, agencyId, { full: false });
          }
        }
        await refreshAgency(db, agencyId, { full: false });
        await expectRollupsMatchRecount(db, agencyId);
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
