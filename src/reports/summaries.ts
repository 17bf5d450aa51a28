import { formatDate, formatNumber, plural } from '../shared/format.ts';
import { isMonthEnd } from './funnel-table.ts';
import type { NetCarersReport } from './net-carers.service.ts';

/** One plain-English sentence per chart: what a reader should take from it. */

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** '2025-04' → 'April 2025' */
const monthName = (month: string) => monthFormat.format(new Date(`${month}-15T12:00:00Z`));

/** "8 fewer than", "2 more than", "the same as". */
export function against(now: number, before: number) {
  const diff = now - before;
  if (diff === 0) return 'the same as';
  return `${formatNumber(Math.abs(diff))} ${diff > 0 ? 'more' : 'fewer'} than`;
}

/**
 * "Enquiries so far this year are 61, 8 fewer than the same dates last year; approvals are 3, 1 more than …".
 * Last year's figures are 1 April to the same day a year ago (not whole months).
 */
export function yearToDateSummary(rows: { measure: string; now: number; lastYear: number }[]) {
  const of = (measure: string) => rows.find((r) => r.measure === measure) ?? { now: 0, lastYear: 0 };
  const enquiries = of('enquiries');
  const approvals = of('approvals');
  return (
    `Enquiries so far this year are ${formatNumber(enquiries.now)}, ${against(enquiries.now, enquiries.lastYear)} ` +
    `the same dates last year; approvals are ${formatNumber(approvals.now)}, ${against(approvals.now, approvals.lastYear)} the same dates last year.`
  );
}

export function netCarersSummary(report: NetCarersReport) {
  const first = report.months[0];
  const last = report.months.at(-1);
  if (!first || !last) return 'There are no months in this period.';
  // The last month may not be over: then its figure is the period's last day's, not the month end's.
  const end = isMonthEnd(report.to) ? `the end of ${monthName(last.month)}` : formatDate(report.to);
  if (first === last)
    return `There were ${formatNumber(last.approved)} approved households ${isMonthEnd(report.to) ? 'at' : 'on'} ${end}.`;
  const change = last.approved - first.approved;
  const trend =
    change === 0 ? 'no change' : `${change > 0 ? 'up' : 'down'} ${formatNumber(Math.abs(change))}`;
  return (
    `Approved households went from ${formatNumber(first.approved)} at the end of ${monthName(first.month)} ` +
    `to ${formatNumber(last.approved)} ${isMonthEnd(report.to) ? 'at' : 'on'} ${end} (${trend}).`
  );
}

export function weeklyEnquiriesSummary(weeks: { start: string; enquiries: number }[]) {
  const total = weeks.reduce((sum, w) => sum + w.enquiries, 0);
  if (total === 0) return 'There were no enquiries in the 52 weeks shown (this week so far included).';
  const busiest = weeks.reduce((a, b) => (b.enquiries > a.enquiries ? b : a));
  return (
    `There were ${plural(total, 'enquiry', 'enquiries')} in the 52 weeks shown (this week so far included); the busiest week began on ` +
    `${formatDate(busiest.start)}, with ${formatNumber(busiest.enquiries)}.`
  );
}
