import { deregistrationReasons, type DeregistrationReason } from '../pipeline/stages.ts';
import { addDays } from '../calendar/dates.ts';
import { formatDate, formatNumber } from '../shared/format.ts';
import type { ReportTable } from './report-table.ts';
import { funnelMeasureNames, funnelMeasures } from './funnel-measures.ts';
import type { FunnelReport } from './funnel.service.ts';
import type { NetCarersReport } from './net-carers.service.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Apr', or 'Jan 2026' when the table runs across more than one calendar year. */
export function monthLabel(month: string, withYear: boolean) {
  const name = MONTHS[Number(month.slice(5, 7)) - 1]!;
  return withYear ? `${name} ${month.slice(0, 4)}` : name;
}

export const monthLabels = (months: readonly string[]) => {
  const spansYears = new Set(months.map((m) => m.slice(0, 4))).size > 1;
  return months.map((m) => monthLabel(m, spansYears));
};

export const n = (value: number) => formatNumber(value);

/** The period's own name: "2025/26" for a whole financial year, "2025/26 to date", or its dates. */
export function periodLabel(from: string, to: string, today: string) {
  const startYear = Number(from.slice(0, 4));
  const whole = from.endsWith('-04-01') && to === `${startYear + 1}-03-31`;
  const label = `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
  if (whole) return label;
  if (from.endsWith('-04-01') && to === today && to < `${startYear + 1}-04-01`) return `${label} to date`;
  return `${formatDate(from)} to ${formatDate(to)}`;
}

/**
 * The committee table (docs/domain.md §6): a row per measure in the committee's order, a column per
 * month, the period's total ("Total YTD" while the period runs to today) and the comparison's total.
 */
export function funnelTable(report: FunnelReport, today: string): ReportTable {
  return {
    caption: `Households at each step, ${periodLabel(report.from, report.to, today)}`,
    head: [
      'Measure',
      ...monthLabels(report.months),
      report.to >= today ? 'Total YTD' : 'Total',
      report.comparison.label,
    ],
    rows: funnelMeasureNames.map((name) => [
      funnelMeasures[name].label,
      ...report.measures[name].byMonth.map(n),
      n(report.measures[name].total),
      n(report.comparison.totals[name]),
    ]),
  };
}

const reasons = Object.keys(deregistrationReasons) as DeregistrationReason[];

/** "3 + 0 − 13 = −10": the net change spelled out, as committees are used to reading it. */
export const netSum = (r: NetCarersReport) =>
  `${n(r.approvals)} approved + ${n(r.transfersIn)} transferred in − ${n(r.deregistrations.total)} left = ${n(r.net)}`;

/** Approvals, leavers by reason and the net change, for one or more periods side by side. */
export function netCarersTable(caption: string, columns: { label: string; report: NetCarersReport }[]) {
  const row = (label: string, value: (r: NetCarersReport) => number) => [
    label,
    ...columns.map((c) => n(value(c.report))),
  ];
  return {
    caption,
    head: ['Households', ...columns.map((c) => c.label)],
    rows: [
      row('Approved (new to fostering)', (r) => r.approvals),
      row('Transferred in from another agency', (r) => r.transfersIn),
      ...reasons.map((code) =>
        row(`Left: ${deregistrationReasons[code].toLowerCase()}`, (r) => r.deregistrations.byReason[code]),
      ),
      row('Left fostering in total', (r) => r.deregistrations.total),
      row('Net change in approved households', (r) => r.net),
      row('In assessment at the end of the period', (r) => r.inAssessmentAt),
      row('Approved at the end of the period', (r) => r.approvedAt),
    ],
  } satisfies ReportTable;
}

/** The figures behind the net carers chart: households at the end of each month. */
/** True when a date is the last day of its month. */
export const isMonthEnd = (day: string) => addDays(day, 1).endsWith('-01');

/** The last month of a period that stops before that month ends is counted on the period's last day. */
export const netCarersMonthsTable = (report: NetCarersReport): ReportTable => ({
  caption: isMonthEnd(report.to)
    ? 'Households at the end of each month'
    : `Households at the end of each month (for ${monthLabel(report.to.slice(0, 7), true)}, which is not over, on ${formatDate(report.to)})`,
  head: ['Month', 'Approved households', 'Households in assessment'],
  rows: report.months.map((m) => [monthLabel(m.month, true), n(m.approved), n(m.inAssessment)]),
});
