/** Display formats used by the templates, all in UK English and Europe/London time. */

const LONDON = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

const toDate = (value: Date | string) =>
  value instanceof Date
    ? value
    : /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);

/** 5 January 2026 */
export const formatDate = (value: Date | string | null | undefined) =>
  value ? dateFormat.format(toDate(value)) : '';

/** 5 Jan 2026 */
export const formatShortDate = (value: Date | string | null | undefined) =>
  value ? shortDateFormat.format(toDate(value)) : '';

/** 2:30pm, 7pm, midday (GOV.UK style) */
function formatTime(d: Date) {
  const time = timeFormat.format(d).replace(' ', '').replace(':00', '').toLowerCase();
  return time === '12pm' ? 'midday' : time === '12am' ? 'midnight' : time;
}

/** 5 January 2026 at 2:30pm (GOV.UK style) */
export function formatDateTime(value: Date | string | null | undefined) {
  if (!value) return '';
  const d = toDate(value);
  return `${dateFormat.format(d)} at ${formatTime(d)}`;
}

/** 5 January 2026 at 7pm to 8:30pm; the end's date is repeated only when it is another day. */
export function formatDateTimeRange(start: Date | string, end: Date | string | null | undefined) {
  if (!end) return formatDateTime(start);
  const [s, e] = [toDate(start), toDate(end)];
  return dateFormat.format(s) === dateFormat.format(e)
    ? `${formatDateTime(s)} to ${formatTime(e)}`
    : `${formatDateTime(s)} to ${formatDateTime(e)}`;
}

// Made once: building an Intl formatter costs far more than using one (a report has hundreds of cells).
const penceFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const numberFormat = new Intl.NumberFormat('en-GB');

/** £1,234.56 from integer pence */
export const formatPence = (pence: number | null | undefined) =>
  pence === null || pence === undefined ? '–' : penceFormat.format(pence / 100);

export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : numberFormat.format(n);

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

const monthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, month: 'long', year: 'numeric' });

/** "May 2025": the Europe/London month of a moment. */
export function formatMonthYear(value: Date | string | null | undefined) {
  return value ? monthFormat.format(toDate(value)) : '';
}
