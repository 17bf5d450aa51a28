import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignsForReport } from '../../src/campaigns/campaigns.repo.ts';
import { rows } from '../../src/db/rows.ts';
import { demoCampaigns } from '../../src/demo/demo-campaigns.ts';
import { seedDemoData } from '../../src/demo/seed.ts';
import { metricsStatus } from '../../src/metrics/metrics.service.ts';
import { campaignImpact } from '../../src/reports/campaign-impact.service.ts';
import { conversionReport } from '../../src/reports/conversion.service.ts';
import { funnelReport } from '../../src/reports/funnel.service.ts';
import { netCarers } from '../../src/reports/net-carers.service.ts';
import { timeInStageReport } from '../../src/reports/time-in-stage.service.ts';
import { addDays, financialYear, financialYearOf, londonToday } from '../../src/calendar/dates.ts';
import { targetsWithProgress } from '../../src/reports/target-progress.service.ts';
import { useTestContext } from '../helpers/context.ts';

describe('demo data', () => {
  const ctx = useTestContext();

  it('loads two believable years once, and a second run adds nothing', async () => {
    const first = await seedDemoData(ctx().deps, ctx().agencyId);
    expect(first.users.length).toBeGreaterThan(0);
    const count = async () =>
      (
        await rows<{
          enquiries: number;
          events: number;
          bookings: number;
          sources: number;
          campaigns: number;
          costs: number;
          updates: number;
        }>(
          ctx().deps.db,
          sql`select (select count(*)::int from enquiries) as enquiries, (select count(*)::int from events) as events,
                     (select count(*)::int from event_bookings) as bookings,
                     (select count(*)::int from enquiries where source_event_id is not null) as sources,
                     (select count(*)::int from campaigns) as campaigns,
                     (select count(*)::int from campaign_costs) as costs,
                     (select count(*)::int from campaign_updates) as updates`,
        )
      )[0]!;
    const before = await count();
    // ~200 enquiries a year (more while campaigns run) for three and a half to four years, plus
    // carers approved before then.
    expect(before.enquiries).toBeGreaterThan(700);
    expect(before.enquiries).toBeLessThan(1100);
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

    // Every campaign the enquiries are credited to is in the action plan, with its costs and notes.
    expect(before.campaigns).toBe(demoCampaigns.length);
    expect(before.costs).toBe(demoCampaigns.reduce((n, c) => n + c.costs.length, 0));
    const plan = await campaignsForReport(ctx().deps.db, ctx().agencyId);
    expect(Object.fromEntries(plan.map((c) => [c.code, c.costPence]))).toMatchObject({
      'BILLBOARD-A47': 425_000,
      'NEWS-ADS': 70_448,
      PRIDE: 0,
    });
    const [{ unknownCodes }] = (await rows<{ unknownCodes: number }>(
      ctx().deps.db,
      sql`select count(*)::int as "unknownCodes" from enquiries e where e.campaign_code is not null
          and not exists (select 1 from campaigns c where c.agency_id = e.agency_id and upper(c.code) = upper(e.campaign_code))`,
    )) as [{ unknownCodes: number }];
    expect(unknownCodes).toBe(0);
    const costs = await rows<{ description: string; vat: string }>(
      ctx().deps.db,
      sql`select description, vat from campaign_costs`,
    );
    expect(costs).toContainEqual({ description: 'Billboard, 12 months', vat: 'plus_vat' });
    expect(costs).toContainEqual({ description: 'Wristbands for children', vat: 'no_vat' });
    expect(costs.filter((c) => c.description.includes('VAT'))).toEqual([]);
    // 1–3 notes each, within the campaign's dates and not in the future; the latest rating is the
    // campaign's; some campaigns are not going well.
    const notes = await rows<{
      code: string;
      n: number;
      outside: number;
      latest: boolean;
      rag: string;
      owned: boolean;
    }>(
      ctx().deps.db,
      sql`select c.code, count(u.id)::int as n, c.rag,
                 count(*) filter (where (u.at at time zone 'Europe/London')::date not between c.starts_on and c.ends_on
                                     or u.at > now())::int as outside,
                 (array_agg(u.rag order by u.at desc))[1] = c.rag as latest,
                 bool_and(c.owner_id = o.id and u.by = o.id) as owned
          from campaigns c join campaign_updates u on u.campaign_id = c.id join users o on o.email = 'comms@demo.fostering.local'
          group by c.id`,
    );
    expect(notes).toHaveLength(demoCampaigns.length);
    for (const c of notes) {
      expect(c.n, c.code).toBeGreaterThanOrEqual(1);
      expect(c.n, c.code).toBeLessThanOrEqual(3);
      expect(c.outside, c.code).toBe(0);
      expect(c.latest, c.code).toBe(true);
      expect(c.owned, c.code).toBe(true);
    }
    expect(notes.filter((c) => c.rag !== 'green').length).toBeGreaterThanOrEqual(1);

    const again = await seedDemoData(ctx().deps, ctx().agencyId);
    expect(again.users).toEqual([]);
    expect(await count()).toEqual(before);
  });

  it('makes every report look alive from the first start', async () => {
    const { db } = ctx().deps;
    const agencyId = ctx().agencyId;
    await seedDemoData(ctx().deps, agencyId);
    const today = londonToday();
    const twoYears = { from: addDays(today, -730), to: today };
    expect((await metricsStatus(db, agencyId)).computedAt).toBeInstanceOf(Date);

    // Every month of the last year has enquiries, with more in January than in December (seasonality).
    const year = await funnelReport(db, agencyId, {
      from: addDays(today, -364),
      to: today,
      compare: 'previous_year',
    });
    // The history ends before today, so on the 1st the new month has had no full day yet: it may be empty.
    const months = year.measures.enquiries.byMonth;
    const elapsed = today.endsWith('-01') ? months.slice(0, -1) : months;
    expect(elapsed.every((n) => n > 0)).toBe(true);
    for (const measure of ['initial_visits', 'applications', 'approvals', 'applications_ended'] as const) {
      expect(year.measures[measure].total, measure).toBeGreaterThan(0);
    }

    // Carers are approved and carers leave, mostly by retiring.
    const net = await netCarers(db, agencyId, twoYears);
    expect(net.approvals).toBeGreaterThan(5);
    expect(net.deregistrations.total).toBeGreaterThan(5);
    expect(net.deregistrations.byReason.retired).toBeGreaterThan(net.deregistrations.byReason.ill_health);
    expect(net.approvedAt).toBeGreaterThan(40);

    // Campaigns produce enquiries and, later, approvals; their windows lift enquiries.
    const impact = await campaignImpact(db, agencyId, twoYears, today);
    expect(impact.campaigns.filter((c) => c.enquiries > 0).length).toBeGreaterThan(5);
    expect(impact.campaigns.some((c) => c.approvals > 0)).toBe(true);
    const fortnight = impact.campaigns.find((c) => c.code === 'FCF-Y2')!;
    expect(fortnight.window!.perWeek).toBeGreaterThan(fortnight.window!.baselinePerWeek);

    // Conversion and time in stage have something to say at every stage; the targets exist.
    const conversion = await conversionReport(db, agencyId, twoYears);
    expect(conversion.steps.every((s) => s.percent !== null)).toBe(true);
    const time = await timeInStageReport(db, agencyId, twoYears);
    expect(time.stages.every((s) => s.medianDays !== null)).toBe(true);
    expect(time.exits.reduce((n, e) => n + e.total, 0)).toBeGreaterThan(50);
    const targets = await targetsWithProgress(db, agencyId, today);
    expect(targets.map((t) => t.kind).sort()).toEqual(['calendar', 'financial']);
    expect(targets.every((t) => t.projection !== null && t.projected >= t.achieved)).toBe(true);
  });

  it('is a continuous history: enquiries every month of the last two full financial years and this one, approvals after applications', async () => {
    const { db } = ctx().deps;
    const agencyId = ctx().agencyId;
    await seedDemoData(ctx().deps, agencyId);
    const today = londonToday();
    const current = financialYearOf(today);
    const years = [current.startYear - 2, current.startYear - 1, current.startYear].map(financialYear);
    expect(years[0]!.start <= years[1]!.start).toBe(true);

    // The committee table (the funnel report by financial year) shows enquiries in every month,
    // in believable numbers for a county council (the 2024/25 table had none April–November).
    const months: { month: string; enquiries: number }[] = [];
    for (const fy of years) {
      const report = await funnelReport(db, agencyId, {
        from: fy.start,
        to: fy.end < today ? fy.end : today,
        compare: 'previous_year',
      });
      report.measures.enquiries.byMonth.forEach((n, i) =>
        months.push({ month: `${fy.label} month ${i + 1}`, enquiries: n }),
      );
      if (fy.end < today) expect(report.measures.approvals.total, fy.label).toBeGreaterThan(3);
    }
    const complete = months.slice(0, -1); // this month has only just begun
    expect(complete.length).toBeGreaterThanOrEqual(24);
    for (const m of complete) {
      expect(m.enquiries, m.month).toBeGreaterThanOrEqual(6);
      expect(m.enquiries, m.month).toBeLessThanOrEqual(40);
    }
    const mean = complete.reduce((n, m) => n + m.enquiries, 0) / complete.length;
    expect(mean).toBeGreaterThanOrEqual(10);
    expect(mean).toBeLessThanOrEqual(25);

    // Every approval follows an application of the same household, months earlier (an assessment
    // takes months), and every application follows an enquiry.
    const [order] = (await rows<{ approvals: number; early: number; applications: number; orphan: number }>(
      db,
      sql`select count(*)::int as approvals,
                 count(*) filter (where not exists (
                   select 1 from stage_events a where a.enquiry_id = s.enquiry_id and a.stage = 'application'
                     and a.at < s.at - interval '60 days'))::int as early,
                 (select count(*)::int from stage_events where agency_id = ${agencyId} and stage = 'application') as applications,
                 (select count(*)::int from stage_events a where a.agency_id = ${agencyId} and a.stage = 'application'
                    and not exists (select 1 from stage_events q where q.enquiry_id = a.enquiry_id and q.stage = 'enquiry' and q.at < a.at)) as orphan
          from stage_events s where s.agency_id = ${agencyId} and s.stage = 'approved'`,
    )) as [{ approvals: number; early: number; applications: number; orphan: number }];
    expect(order.approvals).toBeGreaterThan(20);
    expect(order.early).toBe(0);
    expect(order.orphan).toBe(0);
    expect(order.applications).toBeGreaterThan(order.approvals);
  });
});
