import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { seedDemoData } from '../../src/demo/seed.ts';
import { useTestContext } from '../helpers/context.ts';

describe('demo data', () => {
  const ctx = useTestContext();

  it('loads two believable years once, and a second run adds nothing', async () => {
    const first = await seedDemoData(ctx().deps, ctx().agencyId);
    expect(first.users.length).toBeGreaterThan(0);
    const count = async () =>
      (
        await rows<{ enquiries: number; events: number; bookings: number; sources: number }>(
          ctx().deps.db,
          sql`select (select count(*)::int from enquiries) as enquiries, (select count(*)::int from events) as events,
                     (select count(*)::int from event_bookings) as bookings,
                     (select count(*)::int from enquiries where source_event_id is not null) as sources`,
        )
      )[0]!;
    const before = await count();
    // ~170 enquiries a year for two years, plus carers approved before then.
    expect(before.enquiries).toBeGreaterThan(300);
    expect(before.enquiries).toBeLessThan(600);
    expect(before.sources).toBeGreaterThan(0);

    // Distinct households attending a session in the last 12 months: the order of a real council's 39.
    const [{ attended }] = (await rows<{ attended: number }>(
      ctx().deps.db,
      sql`select count(distinct b.enquiry_id)::int as attended from event_bookings b join events e on e.id = b.event_id
          where b.attended and e.kind = 'information_session' and e.starts_at > now() - interval '12 months'`,
    )) as [{ attended: number }];
    expect(attended).toBeGreaterThan(20);
    expect(attended).toBeLessThan(90);
    // Nobody attended a session still to come, and no session is over capacity.
    const [{ bad }] = (await rows<{ bad: number }>(
      ctx().deps.db,
      sql`select count(*)::int as bad from event_bookings b join events e on e.id = b.event_id
          where (b.attended is not null and e.starts_at > now())
             or (select count(*) from event_bookings x where x.event_id = e.id and x.status = 'booked') > e.capacity`,
    )) as [{ bad: number }];
    expect(bad).toBe(0);

    const again = await seedDemoData(ctx().deps, ctx().agencyId);
    expect(again.users).toEqual([]);
    expect(await count()).toEqual(before);
  });
});
