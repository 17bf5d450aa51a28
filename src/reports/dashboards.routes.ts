import { Router, type Request, type Response } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { daysBetween } from '../calendar/dates.ts';
import { formatShortDate } from '../shared/format.ts';
import { barChart } from './charts.ts';
import { netSum } from './funnel-table.ts';
import { commsDashboard, managerDashboard } from './dashboards.service.ts';
import { MIN_WINDOW_DAYS } from './campaign-impact.service.ts';
import { inAssessmentMeaning } from './net-carers.service.ts';
import { campaignLeagueTable } from './report-tables.ts';
import { recordRestrictedView } from './restricted-views.ts';
import { weeklyEnquiriesSummary, yearToDateSummary } from './summaries.ts';

/** Bar labels short enough to sit under a bar. */
const shortLabels: Record<string, string> = {
  enquiries: 'Enquiries',
  initial_visits: 'Visits',
  applications: 'Applications',
  approvals: 'Approvals',
  transfers_in: 'Transfers in',
};

/** `/dashboard`: the manager's or the comms team's page, by role; `/dashboard/comms` for either. */
export function dashboardsRouter(deps: AppDeps) {
  const router = Router();

  router.get('/dashboard', requireAccess('reports'), async (req, res) => {
    if (req.user!.role === 'comms') return renderComms(req, res);
    const data = await managerDashboard(deps.db, req.user!.agencyId);
    // Net carers YTD counts standards-of-care leavers: an audited view.
    await recordRestrictedView(deps.db, actorFrom(req), 'manager-dashboard', data.net);
    res.render('reports/manager-dashboard.njk', {
      data,
      inAssessmentMeaning,
      status: await metricsStatus(deps.db, req.user!.agencyId),
      netSum: netSum(data.net),
      summary: yearToDateSummary(data.yearToDate),
      chart: barChart({
        labels: data.yearToDate.map((row) => shortLabels[row.measure]!),
        series: [
          { name: 'This year so far', values: data.yearToDate.map((row) => row.now) },
          { name: 'Same dates last year', values: data.yearToDate.map((row) => row.lastYear) },
        ],
        summaryId: 'ytd-summary',
      }),
    });
  });

  router.get('/dashboard/comms', requireAccess('reports'), (req, res) => renderComms(req, res));

  async function renderComms(req: Request, res: Response) {
    const data = await commsDashboard(deps.db, req.user!.agencyId);
    const first = data.weeks[0]!.start;
    const weekOf = (day: string) => Math.floor(daysBetween(first, day) / 7);
    res.render('reports/comms-dashboard.njk', {
      data,
      status: await metricsStatus(deps.db, req.user!.agencyId),
      league: campaignLeagueTable(data.league, 'Campaigns of the last two years, most enquiries first'),
      minWindowDays: MIN_WINDOW_DAYS,
      summary: weeklyEnquiriesSummary(data.weeks),
      chart: barChart({
        labels: data.weeks.map((w) => formatShortDate(w.start).replace(/ \d{4}$/, '')),
        labelEvery: 6,
        series: [{ name: 'Enquiries', values: data.weeks.map((w) => w.enquiries) }],
        lanes: data.windows.map((c) => ({
          label: c.code,
          from: weekOf(c.startsOn),
          to: c.endsOn ? weekOf(c.endsOn) : data.weeks.length - 1,
        })),
        summaryId: 'weeks-summary',
      }),
    });
  }

  return router;
}
