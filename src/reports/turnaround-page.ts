import { londonToday } from '../calendar/dates.ts';
import { periodLabel, n } from './funnel-table.ts';
import type { ReportPage } from './report-pages.ts';
import type { ReportTable } from './report-table.ts';
import type { Period } from './reports.schema.ts';
import { turnaroundReport, type TurnaroundReport } from './turnaround.service.ts';

const days = (value: number | null) => (value === null ? '–' : n(value));
const pct = (value: number | null) => (value === null ? '–' : `${value}%`);

/** The main table (and the CSV): one row per check type. */
export const turnaroundTable = (r: TurnaroundReport): ReportTable => ({
  caption: 'Turnaround by check, for items received in the period; households waiting today',
  head: [
    'Check',
    'Stage',
    'Expected days',
    'Received',
    'Median days',
    '90th percentile days',
    'Late',
    'Late (%)',
    'Households waiting',
    'Of which overdue',
  ],
  rows: r.checkTypes.map((t) => [
    t.label,
    String(t.stage),
    n(t.expectedTurnaroundDays),
    n(t.received),
    days(t.medianDays),
    days(t.p90Days),
    n(t.late),
    pct(t.latePercent),
    n(t.waitingHouseholds),
    n(t.overdueHouseholds),
  ]),
});

/** References by the kind of referee. */
export const refereeKindTable = (r: TurnaroundReport): ReportTable => ({
  caption: 'References received in the period, by kind of referee',
  head: ['Referee', 'Received', 'Median days', '90th percentile days'],
  rows: r.refereeKinds.map((k) => [k.label, n(k.received), days(k.medianDays), days(k.p90Days)]),
});

/**
 * "Where time goes" (issue 18 §5): managers only, like the time-in-stage report. Counts only:
 * no household is named on the page, the CSV or the API.
 */
export const turnaroundPage: ReportPage<'period', TurnaroundReport> = {
  path: '/reports/assessment-turnaround',
  title: 'Where time goes: assessment checks',
  kind: 'period',
  capability: 'management',
  template: 'reports/assessment-turnaround.njk',
  load: (db, _req, query, scope) => turnaroundReport(db, scope, query as Period),
  table: turnaroundTable,
  locals: (report) => ({
    period: periodLabel(report.from, report.to, londonToday()),
    refereeTable: refereeKindTable(report),
  }),
  filename: (report) => `assessment-turnaround-${report.from}-to-${report.to}.csv`,
};
