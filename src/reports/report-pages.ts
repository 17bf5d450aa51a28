import type { Request } from 'express';
import type { Db } from '../db/client.ts';
import { londonToday } from '../calendar/dates.ts';
import { formatDate } from '../shared/format.ts';
import { can, type Capability } from '../shared/access.ts';
import { campaignImpact, MIN_WINDOW_DAYS } from './campaign-impact.service.ts';
import { lineChart } from './charts.ts';
import { conversionReport } from './conversion.service.ts';
import type { ReportTable } from './report-table.ts';
import { funnelMeasureNames, funnelMeasures } from './funnel-measures.ts';
import {
  funnelTable,
  monthLabels,
  netCarersMonthsTable,
  netCarersTable,
  netSum,
  periodLabel,
} from './funnel-table.ts';
import { funnelReport } from './funnel.service.ts';
import { inAssessmentMeaning, netCarers } from './net-carers.service.ts';
import { ofstedReturn } from './ofsted.service.ts';
import { ofstedTable } from './ofsted-table.ts';
import type { FilterKind, FilterResult } from './report-filters.ts';
import {
  campaignLeagueTable,
  channelTable,
  conversionCohortTable,
  conversionFlowTable,
  exitsTable,
  timeInStageTable,
} from './report-tables.ts';
import type { Period } from './reports.schema.ts';
import type { ReportScope } from './report-scope.ts';
import { hubReport } from './hub-report.service.ts';
import { hubCostTable, hubMeasures, hubTable, leagueTable } from './hub-tables.ts';
import { netCarersSummary } from './summaries.ts';
import { timeInStageReport } from './time-in-stage.service.ts';

type Query<K extends FilterKind> = Extract<FilterResult<K>, { ok: true }>['query'];

/**
 * A report page: who may open it, how its filters are read, what it loads, the main table (which
 * the CSV download repeats cell for cell) and anything else the template shows.
 */
export interface ReportPage<K extends FilterKind, R> {
  path: string;
  title: string;
  kind: K;
  /** Who may open it (src/shared/access.ts). */
  capability: Capability;
  template: string;
  /** `scope`: the reader's agency, or at a hub one member council (`council=`, report-scope.ts). */
  load(db: Db, req: Request, query: Query<K>, scope: ReportScope): Promise<R>;
  table(data: R): ReportTable;
  locals?(data: R): Record<string, unknown>;
  /** Safeguarding data on the page (standards-of-care leavers): the view is audited under this name. */
  restricted?(data: R, req: Request): { report: string; period: Period } | undefined;
  filename(data: R): string;
}

const span = (p: { from: string; to: string }) => `${p.from}-to-${p.to}`;
const page = <K extends FilterKind, R>(definition: ReportPage<K, R>) => definition;

export const funnelPage = page({
  path: '/reports/funnel',
  title: 'Committee table',
  kind: 'funnel',
  capability: 'reports',
  template: 'reports/funnel.njk',
  async load(db, req, query, scope) {
    const report = await funnelReport(db, scope, query);
    // Leavers include standards-of-care concerns: managers only.
    const net = can(req.user!.role, 'management')
      ? await Promise.all([
          netCarers(db, scope, query),
          netCarers(db, scope, { ...report.comparison, route: query.route }),
        ])
      : null;
    return { report, net, today: londonToday() };
  },
  table: ({ report, today }) => funnelTable(report, today),
  locals: ({ report, net, today }) => ({
    period: periodLabel(report.from, report.to, today),
    rules: funnelMeasureNames.map((name) => funnelMeasures[name]),
    net: net && {
      table: netCarersTable('Approved households joining and leaving', [
        { label: periodLabel(report.from, report.to, today), report: net[0] },
        { label: report.comparison.label, report: net[1] },
      ]),
      sum: netSum(net[0]),
      inAssessment: net[0].inAssessmentAt,
    },
    inAssessmentMeaning,
  }),
  restricted: ({ report, net }) => (net ? { report: 'funnel', period: report } : undefined),
  filename: ({ report }) => `committee-table-${span(report)}.csv`,
});

export const netCarersPage = page({
  path: '/reports/net-carers',
  title: 'Net carers',
  kind: 'routedPeriod',
  capability: 'management',
  template: 'reports/net-carers.njk',
  load: (db, req, query, scope) => netCarers(db, scope, query),
  table: (report) =>
    netCarersTable('Net change in approved households', [
      { label: periodLabel(report.from, report.to, londonToday()), report },
    ]),
  locals: (report) => ({
    period: periodLabel(report.from, report.to, londonToday()),
    sum: netSum(report),
    inAssessmentMeaning,
    summary: netCarersSummary(report),
    monthsTable: netCarersMonthsTable(report),
    chart: lineChart({
      labels: monthLabels(report.months.map((m) => m.month)),
      labelEvery: Math.ceil(report.months.length / 6),
      series: [
        { name: 'Approved households', values: report.months.map((m) => m.approved) },
        { name: 'Households in assessment', values: report.months.map((m) => m.inAssessment) },
      ],
      summaryId: 'chart-summary',
    }),
  }),
  restricted: (report) => ({ report: 'net-carers', period: report }),
  filename: (report) => `net-carers-${span(report)}.csv`,
});

export const conversionPage = page({
  path: '/reports/conversion',
  title: 'Conversion',
  kind: 'routedPeriod',
  capability: 'management',
  template: 'reports/conversion.njk',
  load: (db, req, query, scope) => conversionReport(db, scope, query),
  table: conversionFlowTable,
  locals: (report) => ({
    period: periodLabel(report.from, report.to, londonToday()),
    cohortTable: conversionCohortTable(report),
  }),
  filename: (report) => `conversion-${span(report)}.csv`,
});

export const timeInStagePage = page({
  path: '/reports/time-in-stage',
  title: 'Time in each stage',
  kind: 'period',
  capability: 'management',
  template: 'reports/time-in-stage.njk',
  load: (db, req, query, scope) => timeInStageReport(db, scope, query),
  table: timeInStageTable,
  locals: (report) => ({
    period: periodLabel(report.from, report.to, londonToday()),
    exitsTable: exitsTable(report),
  }),
  filename: (report) => `time-in-stage-${span(report)}.csv`,
});

export const campaignsPage = page({
  path: '/reports/campaigns',
  title: 'Campaign impact',
  kind: 'routedPeriod',
  capability: 'reports',
  template: 'reports/campaigns.njk',
  load: (db, req, query, scope) => campaignImpact(db, scope, query),
  table: (report) => campaignLeagueTable(report.campaigns),
  locals: (report) => ({
    period: periodLabel(report.from, report.to, londonToday()),
    channelTable: channelTable(report),
    minWindowDays: MIN_WINDOW_DAYS,
  }),
  filename: (report) => `campaign-impact-${span(report)}.csv`,
});

export const ofstedPage = page({
  path: '/reports/ofsted',
  title: 'Ofsted annual return',
  kind: 'year',
  capability: 'management',
  template: 'reports/ofsted.njk',
  load: (db, req, query, scope) => ofstedReturn(db, scope, query.year, londonToday(), query.route),
  table: ofstedTable,
  locals: (report) => ({
    period: report.finished
      ? `${formatDate(report.year.start)} to ${formatDate(report.year.end)}`
      : `${formatDate(report.year.start)} to today, ${formatDate(report.asOf)}: the year runs to ${formatDate(report.year.end)}, so these are the figures so far`,
  }),
  restricted: (report) => ({ report: 'ofsted', period: { from: report.year.start, to: report.year.end } }),
  filename: (report) => `ofsted-return-${report.year.label.replace('/', '-')}.csv`,
});

export const hubPage = page({
  path: '/reports/hub',
  title: 'Regional report',
  kind: 'routedPeriod',
  capability: 'reports',
  template: 'reports/hub.njk',
  load: (db, req, query, scope) => hubReport(db, scope, query),
  table: hubTable,
  locals: (report) => ({
    period: periodLabel(report.from, report.to, londonToday()),
    measures: hubMeasures,
    costTable: hubCostTable(report),
    leagues: [
      leagueTable('Enquiries per 10,000 residents', 'Enquiries per 10,000', report.league.enquiriesPer10000),
      leagueTable(
        'Conversion from enquiry to application',
        'Applications per 100 enquiries',
        report.league.conversionPercent,
      ),
      leagueTable('Households approved', 'Approvals', report.league.approvals),
    ],
  }),
  filename: (report) => `regional-report-${span(report)}.csv`,
});
