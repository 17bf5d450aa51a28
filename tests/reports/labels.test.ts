import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { campaignImpact, MIN_WINDOW_DAYS } from '../../src/reports/campaign-impact.service.ts';
import { ofstedReturn } from '../../src/reports/ofsted.service.ts';
import { netCarersMonthsTable } from '../../src/reports/funnel-table.ts';
import type { NetCarersReport } from '../../src/reports/net-carers.service.ts';
import { campaignLeagueTable } from '../../src/reports/report-tables.ts';
import { ofstedTable } from '../../src/reports/ofsted-table.ts';
import { netCarersSummary, weeklyEnquiriesSummary, yearToDateSummary } from '../../src/reports/summaries.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { londonToday } from '../../src/calendar/dates.ts';
import { formatDate } from '../../src/shared/format.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { buildHistory } from './history.ts';
import { tableCells } from './tables.ts';

/** The words a person reads: tags removed, spaces closed up. */
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const inAssessment = 'Application, Assessment and Panel stages together';

describe('report labels say what the figures mean', () => {
  const ctx = useTestContext();
  let history: Awaited<ReturnType<typeof buildHistory>>;
  let manager: Browser;
  const P = (monthDay: string) => {
    const [m] = monthDay.split('-').map(Number);
    return `${history.past + (m! < 4 ? 1 : 0)}-${monthDay}`;
  };

  beforeAll(async () => {
    const { db } = ctx().deps;
    history = await buildHistory(db, ctx().agencyId, ctx().baseUrl);
    // One household at the Application stage today: "in assessment", but not in the Assessment row.
    const actor: Actor = { agencyId: ctx().agencyId, userId: history.manager.id, role: 'manager' };
    const e = await makeEnquiry(db, ctx().agencyId, {}, actor);
    for (const to of ['initial_visit', 'application'])
      await transition(db, actor, e.id, parse(Transition, { to }));
    await refreshAgency(db, ctx().agencyId, { full: true });
    manager = new Browser(ctx().baseUrl);
    await manager.signIn(history.manager.email, history.manager.password);
  });

  it('Ofsted: a finished year counts on 31 March; a running year says "so far" and "today"', async () => {
    const { db } = ctx().deps;
    // The past year, finished: approved on 31 March = the two approved in it (the two approved the
    // year before both left during it); none in assessment.
    const done = ofstedTable(await ofstedReturn(db, ctx().agencyId, history.past));
    const yearEnd = formatDate(`${history.past + 1}-03-31`);
    expect(done.caption).toBe(`Ofsted fostering data collection, ${history.label}`);
    // Columns: figure, code, whether Ofsted asks for it, mainstream, family and friends (none here).
    expect(done.rows).toContainEqual([`Approved households on ${yearEnd}`, '', 'No', '2', '0']);
    expect(done.rows).toContainEqual([
      `Households in assessment (the ${inAssessment}) on ${yearEnd}`,
      '',
      'No',
      '0',
      '0',
    ]);
    expect(done.rows).toContainEqual([`Of those, still approved on ${yearEnd}`, '', 'Yes', '1', '0']);

    // The same year seen on 1 September, while it ran: on that day three households were approved
    // (the transfer approved 15 August and the two from the year before, who had not yet left),
    // and one was in assessment (at panel). The old page said "on 31 March" beside these.
    const running = await ofstedReturn(db, ctx().agencyId, history.past, P('09-01'));
    const table = ofstedTable(running);
    const sept = formatDate(P('09-01'));
    expect(table.caption).toBe(
      `Ofsted fostering data collection, ${history.label} so far (the year is not over: counts to ${sept})`,
    );
    expect(table.rows).toContainEqual([
      `Approved households today, ${sept} (not yet the year end)`,
      '',
      'No',
      '3',
      '0',
    ]);
    expect(table.rows).toContainEqual([
      `Households in assessment (the ${inAssessment}) today, ${sept} (not yet the year end)`,
      '',
      'No',
      '1',
      '0',
    ]);
    expect(table.rows).toContainEqual(['Initial enquiries received so far this year', '', 'Yes', '4', '0']);
    expect(table.rows).toContainEqual([
      `Of those, still approved today, ${sept} (not yet the year end)`,
      '',
      'Yes',
      '0',
      '0',
    ]);
    expect(JSON.stringify(table)).not.toContain(yearEnd);

    // The page for the current year.
    const page = await manager.get('/reports/ofsted');
    const today = formatDate(londonToday());
    expect(words(page.body)).toContain(`to today, ${today}:`);
    const rows = tableCells(page.body, 'ofsted-return');
    expect(rows).toContainEqual([
      `Approved households today, ${today} (not yet the year end)`,
      '',
      'No',
      '2',
      '0',
    ]);
    expect(rows).toContainEqual([
      `Households in assessment (the ${inAssessment}) today, ${today} (not yet the year end)`,
      '',
      'No',
      '1',
      '0',
    ]);
    expect(words(page.body)).toContain('The year is not over: counts are so far this year');
    expect(page.body).not.toContain(`on ${formatDate(`${history.past + 2}-03-31`)}`);
  });

  it('dashboard: "in assessment" is defined beside the pipeline’s Assessment row', async () => {
    const page = await manager.get('/dashboard');
    expect(page.status).toBe(200);
    expect(tableCells(page.body, 'pipeline')).toContainEqual(['Assessment', '0']);
    expect(tableCells(page.body, 'pipeline')).toContainEqual(['Application', '1']);
    expect(words(page.body)).toContain(
      `1 household in assessment today: the ${inAssessment}, so more than the pipeline’s Assessment row, which counts that stage alone.`,
    );
    const net = await manager.get('/reports/net-carers');
    expect(words(net.body)).toContain(`1 household in assessment (the ${inAssessment})`);
  });

  it(`campaigns: no weekly rate or change until a campaign has run ${MIN_WINDOW_DAYS} days`, async () => {
    const { db } = ctx().deps;
    const bus = async (today: string, endsOn?: string) => {
      if (endsOn) await db.execute(sql`update campaigns set ends_on = ${endsOn} where code = 'BUS'`);
      const report = await campaignImpact(db, ctx().agencyId, { from: P('04-01'), to: today }, today);
      const row = campaignLeagueTable(report.campaigns).rows.find((r) => r[0] === 'Bus shelters (BUS)')!;
      return {
        window: report.campaigns.find((c) => c.code === 'BUS')!.window!,
        rate: row[9],
        change: row[11],
      };
    };
    // Day 3: one enquiry (3 April). The old table said "2.3 a week"; now nothing until day 14.
    expect(await bus(P('04-03'))).toMatchObject({
      window: { days: 3, perWeek: null, liftPercent: null, tooSoon: true },
      rate: '–',
      change: 'Too soon: 3 of 14 days',
    });
    expect((await bus(P('04-13'))).change).toBe('Too soon: 13 of 14 days');
    // Day 14: still that one enquiry, 1 ÷ 14 × 7 = 0.5 a week; nothing in the 8 weeks before.
    expect(await bus(P('04-14'))).toMatchObject({
      window: { days: 14, perWeek: 0.5, baselinePerWeek: 0, tooSoon: false },
      rate: '0.5',
      change: 'No baseline',
    });
    // A campaign that ended after 3 days is not "too soon" for ever: it was too short to compare.
    expect(await bus(P('04-20'), P('04-03'))).toMatchObject({
      window: { days: 3, perWeek: null, tooSoon: true, ended: true },
      change: 'Too short to compare: ran 3 days',
    });
    await db.execute(sql`update campaigns set ends_on = ${P('06-30')} where code = 'BUS'`);
    const page = await manager.get(`/reports/campaigns?year=${history.past}`);
    expect(words(page.body)).toContain('No rate or change is shown until a campaign has run for 14 days');
    expect(tableCells(page.body, 'campaign-league')[0]).toContain('Cost (net of VAT)');
  });

  it('a month that is not over is counted on its last day, not "at the end of" it', () => {
    const months = [
      { month: '2026-10', approved: 40, inAssessment: 5 },
      { month: '2026-11', approved: 42, inAssessment: 6 },
    ];
    const report = (to: string) => ({ from: '2026-10-01', to, months }) as unknown as NetCarersReport;
    expect(netCarersSummary(report('2026-11-17'))).toBe(
      'Approved households went from 40 at the end of October 2026 to 42 on 17 November 2026 (up 2).',
    );
    expect(netCarersSummary(report('2026-11-30'))).toBe(
      'Approved households went from 40 at the end of October 2026 to 42 at the end of November 2026 (up 2).',
    );
    expect(netCarersMonthsTable(report('2026-11-17')).caption).toBe(
      'Households at the end of each month (for Nov 2026, which is not over, on 17 November 2026)',
    );
    expect(netCarersMonthsTable(report('2026-11-30')).caption).toBe('Households at the end of each month');
  });

  it('dashboard: last year’s figures are the same dates, and say so', async () => {
    expect(
      yearToDateSummary([
        { measure: 'enquiries', now: 61, lastYear: 69 },
        { measure: 'approvals', now: 3, lastYear: 2 },
      ]),
    ).toBe(
      'Enquiries so far this year are 61, 8 fewer than the same dates last year; approvals are 3, 1 more than the same dates last year.',
    );
    const page = await manager.get('/dashboard');
    expect(tableCells(page.body, 'this-month')[0]).toEqual([
      'Measure',
      'This month so far',
      'Same dates last year',
    ]);
    expect(tableCells(page.body, 'year-to-date')[0]).toEqual([
      'Measure',
      'This year so far',
      'Same dates last year',
    ]);
  });

  it('comms dashboard: the weekly total names the weeks it counts (the current one is not over)', () => {
    const weeks = [
      { start: '2026-11-16', enquiries: 4 },
      { start: '2026-11-23', enquiries: 6 },
      { start: '2026-11-30', enquiries: 1 },
    ];
    expect(weeklyEnquiriesSummary(weeks)).toBe(
      'There were 11 enquiries in the 52 weeks shown (this week so far included); the busiest week began on 23 November 2026, with 6.',
    );
  });
});
