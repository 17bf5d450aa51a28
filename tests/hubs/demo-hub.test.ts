import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { seedDemoData } from '../../src/demo/seed.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

describe('the demo hub (issue 17: "the demo data includes a hub with its members")', () => {
  const ctx = useTestContext();

  it('loads Foster East (demo) with three members, hand-offs in each state and a nurture pool, once', async () => {
    const started = Date.now();
    const demo = await seedDemoData(ctx().deps, ctx().agencyId);
    console.log(`demo seeding with the hub: ${Date.now() - started} ms`);
    const count = () =>
      rows<{ slug: string; kind: string; hub: string | null; enquiries: number; received: number }>(
        ctx().deps.db,
        sql`select a.slug, a.kind, h.slug as hub,
                   (select count(*)::int from enquiries e where e.agency_id = a.id) as enquiries,
                   (select count(*)::int from enquiries e where e.hub_id = a.id) as received
            from agencies a left join agencies h on h.id = a.hub_id order by a.slug`,
      );
    const agencies = await count();
    expect(agencies.map((a) => [a.slug, a.kind, a.hub])).toEqual([
      ['eastbrook', 'council', 'hub'],
      ['hub', 'hub', null],
      ['northshire', 'council', 'hub'],
      ['southmere', 'council', 'hub'],
    ]);
    // Ten enquiries at the hub; three accepted moved to their councils, seven still with the hub.
    expect(agencies.find((a) => a.slug === 'hub')).toMatchObject({ enquiries: 7, received: 10 });
    expect(agencies.find((a) => a.slug === 'southmere')).toMatchObject({ enquiries: 1 });
    expect(agencies.find((a) => a.slug === 'eastbrook')).toMatchObject({ enquiries: 1 });
    const handoffs = await rows<{ status: string; n: number }>(
      ctx().deps.db,
      sql`select status, count(*)::int as n from handoffs group by status order by status`,
    );
    expect(handoffs).toEqual([
      { status: 'accepted', n: 3 },
      { status: 'offered', n: 2 },
      { status: 'returned', n: 1 },
    ]);
    // Every row of an accepted household moved with it.
    const [stray] = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from enquiries e
          where e.handed_off_at is not null and (
            exists (select 1 from stage_events s where s.enquiry_id = e.id and s.agency_id <> e.agency_id)
            or exists (select 1 from people p where p.household_id = e.household_id and p.agency_id <> e.agency_id)
            or exists (select 1 from households h where h.id = e.household_id and h.agency_id <> e.agency_id))`,
    );
    expect(stray!.n).toBe(0);
    const [pool] = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from nurture_pool where left_at is null`,
    );
    expect(pool!.n).toBe(2);

    // A newcomer signs in as the printed hub officer and sees the hub's enquiries by council.
    const hubOfficer = demo.users.find((u) => u.email === 'hub.manager@demo.fostering.local');
    expect(hubOfficer).toBeDefined();
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(hubOfficer!.email, demo.password!);
    const list = await browser.get('/enquiries');
    expect(list.body).toContain('Would like to foster for');
    expect(list.body).toContain('Imani Cole');
    expect(list.body).not.toContain('Aisha Rahman');

    await seedDemoData(ctx().deps, ctx().agencyId);
    expect(await count()).toEqual(agencies);
  }, 120_000);
});
