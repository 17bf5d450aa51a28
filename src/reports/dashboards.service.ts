import { campaignsForReport } from '../campaigns/campaigns.repo.ts';
import type { Db } from '../db/client.ts';
import { deadlinesAtRisk, summarise } from '../deadlines/deadlines.service.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { activeStages, stageLabels } from '../pipeline/stages.ts';
import { addDays, addMonths, financialYearOf, londonToday, type IsoDate } from '../calendar/dates.ts';
import { targetsWithProgress } from './target-progress.service.ts';
import { campaignImpact, campaignRoutes } from './campaign-impact.service.ts';
import { countByMeasure, funnelMeasures, type FunnelMeasure } from './funnel-measures.ts';
import { netCarers } from './net-carers.service.ts';
import { routesCounted } from './report-routes.ts';
import { enquiriesByDay, flowByMonth, stagesAt, type FlowRow } from './reports.repo.ts';

/** The dashboards show what the committee table shows by default: mainstream households. */
const mainstream = routesCounted('mainstream');

const headlineMeasures: FunnelMeasure[] = [
  'enquiries',
  'initial_visits',
  'applications',
  'approvals',
  'transfers_in',
];

/** Each headline measure's total in period counts (flowByMonth rows), against the same dates a year earlier. */
function againstLastYear(now: readonly FlowRow[], before: readonly FlowRow[]) {
  const [nowBy, beforeBy] = [countByMeasure(now), countByMeasure(before)];
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return headlineMeasures.map((measure) => ({
    measure,
    label: funnelMeasures[measure].label,
    now: total(nowBy[measure]),
    lastYear: total(beforeBy[measure]),
  }));
}

/**
 * The year so far and the month so far, each against the same dates a year earlier. The counts
 * come by month, and the month so far starts on the 1st inside the year so far, so it is the year's
 * last month: two reads, not four (the year's is also the net carers' read, shared per request).
 */
async function periodsAgainstLastYear(db: Db, agencyId: string, yearStart: IsoDate, today: IsoDate) {
  const [now, before] = await Promise.all([
    flowByMonth(db, agencyId, yearStart, today, mainstream),
    flowByMonth(db, agencyId, addMonths(yearStart, -12), addMonths(today, -12), mainstream),
  ]);
  const month = today.slice(0, 7);
  const lastYearMonth = addMonths(`${month}-01`, -12).slice(0, 7);
  return {
    yearToDate: againstLastYear(now, before),
    thisMonth: againstLastYear(
      now.filter((r) => r.month === month),
      before.filter((r) => r.month === lastYearMonth),
    ),
  };
}

/** The team manager's page: the pipeline now, this month and year against last year, deadlines, net carers, targets. */
export async function managerDashboard(db: Db, agencyId: string, today = londonToday()) {
  const year = financialYearOf(today);
  const [stages, { thisMonth, yearToDate }, atRisk, net, targets, status] = await Promise.all([
    stagesAt(db, agencyId, today, mainstream),
    periodsAgainstLastYear(db, agencyId, year.start, today),
    deadlinesAtRisk(db, agencyId),
    netCarers(db, agencyId, { from: year.start, to: today }),
    targetsWithProgress(db, agencyId, today),
    metricsStatus(db, agencyId),
  ]);
  const deadlines = summarise(atRisk);
  return {
    today,
    /** The end of the "same dates last year" figures. */
    lastYearToday: addMonths(today, -12),
    year,
    computedAt: status.computedAt,
    pipeline: [...activeStages, 'approved' as const].map((stage) => ({
      stage,
      label: stageLabels[stage],
      households: stages[stage] ?? 0,
    })),
    thisMonth,
    yearToDate,
    deadlines: {
      rows: deadlines,
      overdue: deadlines.reduce((s, d) => s + d.overdue, 0),
      dueSoon: deadlines.reduce((s, d) => s + d.dueSoon, 0),
    },
    net,
    targets: targets.filter((t) => t.status === 'current'),
  };
}

/** Monday of the week a date falls in. */
const mondayOf = (day: IsoDate) => addDays(day, -((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7));

/** Comms' page: the campaign league table and enquiries per week for a year, campaign windows marked. */
export async function commsDashboard(db: Db, agencyId: string, today = londonToday()) {
  const firstWeek = addDays(mondayOf(today), -51 * 7);
  const [impact, daily, campaigns, status] = await Promise.all([
    campaignImpact(db, agencyId, { from: addDays(today, -730), to: today }, today),
    enquiriesByDay(db, agencyId, firstWeek, today, campaignRoutes('mainstream')),
    campaignsForReport(db, agencyId),
    metricsStatus(db, agencyId),
  ]);
  const weeks = Array.from({ length: 52 }, (_, i) => {
    const start = addDays(firstWeek, i * 7);
    const end = addDays(start, 6);
    return {
      start,
      enquiries: daily.filter((d) => d.day >= start && d.day <= end).reduce((s, d) => s + d.n, 0),
      campaigns: campaigns
        .filter((c) => c.startsOn <= end && (c.endsOn ?? today) >= start)
        .map((c) => c.code),
    };
  });
  return {
    today,
    computedAt: status.computedAt,
    league: [...impact.campaigns].sort((a, b) => b.enquiries - a.enquiries || a.code.localeCompare(b.code)),
    unattributed: impact.unattributed,
    channels: impact.channels,
    weeks,
    windows: campaigns.filter((c) => c.startsOn <= today && (c.endsOn ?? today) >= firstWeek),
  };
}
