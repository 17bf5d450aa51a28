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

/** 5 January 2026 at 2:30pm (GOV.UK style) */
export function formatDateTime(value: Date | string | null | undefined) {
  if (!value) return '';
  const d = toDate(value);
  const time = timeFormat.format(d).replace(' ', '').replace(':00', '').toLowerCase();
  return `${dateFormat.format(d)} at ${time === '12pm' ? 'midday' : time === '12am' ? 'midnight' : time}`;
}

/** £1,234.56 from integer pence */
export const formatPence = (pence: number | null | undefined) =>
  pence === null || pence === undefined
    ? '–'
    : new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);

export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : new Intl.NumberFormat('en-GB').format(n);

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;
