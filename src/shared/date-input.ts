/**
 * The one strict parser for dates and date-times that people and programs send us: API bodies,
 * query strings (report and list periods, cursors), HTML forms (GOV.UK day/month/year fields, joined
 * by form-input.dateFromParts) and imports. Nothing is ever rolled over: 30 February, 29 February in
 * a common year, month 13, 25:00, 10:61 and an offset of +25:00 are refused, not read as another day.
 *
 * Formats (RFC 3339 §5.6, the ISO 8601 profile JSON APIs use):
 * - a date: `YYYY-MM-DD`, a Europe/London calendar day;
 * - a date-time: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or an offset `±HH:MM` (or `±HHMM`).
 *   Hours are 00–23: `24:00` is refused (write 00:00 of the next day), as are leap seconds (`:60`),
 *   which JavaScript dates cannot hold. An offset's hours are 00–23 and minutes 00–59 (RFC 3339);
 *   a date-time without an offset is refused, since it could be any of several instants.
 * Years are 1000–9999: four digits, and always inside what PostgreSQL stores.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../calendar/dates.ts';

export type DateInputProblem = 'format' | 'date' | 'time' | 'offset';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: DateInputProblem };

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

const inYearRange = (date: string) => date >= '1000-01-01';

/** A real calendar date as `YYYY-MM-DD` (1000–9999), or why not. */
export function parseDate(value: unknown): Parsed<IsoDate> {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    return { ok: false, problem: 'format' };
  if (!isIsoDate(value) || !inYearRange(value)) return { ok: false, problem: 'date' };
  return { ok: true, value };
}

/** True for a real calendar date `YYYY-MM-DD` (1000–9999): for zod refinements. */
export const isDateInput = (value: unknown): boolean => parseDate(value).ok;

/** An instant written as an RFC 3339 date-time with its offset, or why not. */
export function parseDateTime(value: unknown): Parsed<Date> {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) return { ok: false, problem: 'format' };
  const [, date, hh, mm, ss = '00', fraction = '', zulu, sign, offH = '00', offM = '00'] = match;
  if (!isIsoDate(date!) || !inYearRange(date!)) return { ok: false, problem: 'date' };
  const [hour, minute, second] = [Number(hh), Number(mm), Number(ss)];
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, problem: 'time' };
  const offsetMinutes = zulu ? 0 : Number(offH) * 60 + Number(offM);
  if (Number(offH) > 23 || Number(offM) > 59) return { ok: false, problem: 'offset' };
  const [year, month, day] = date!.split('-').map(Number) as [number, number, number];
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms); // years ≥ 1000: no 1900 quirk
  return { ok: true, value: new Date(wall - (sign === '-' ? -1 : 1) * offsetMinutes * 60_000) };
}

const problemText: Record<DateInputProblem, string> = {
  format: 'must be a date like 2025-03-05',
  date: 'must be a real date',
  time: 'must have a real time of day, 00:00 to 23:59',
  offset: 'must have a real time zone offset, like Z or +01:00',
};

const capitalised = (label: string) => `${label[0]!.toUpperCase()}${label.slice(1)}`;

/** The message for a refused date input, e.g. "The start date must be a real date". */
export function dateInputMessage(label: string, problem: DateInputProblem, dateTime = false): string {
  const text =
    problem === 'format' && dateTime
      ? 'must be a date and time like 2025-03-05T19:00:00Z'
      : problemText[problem];
  return `${capitalised(label)} ${text}`;
}

/**
 * Zod: a calendar date (`YYYY-MM-DD`); 422 with the field's path when it is not a real one, with
 * `message` if given, else one naming the problem.
 */
export const dateField = (label: string, message?: string) =>
  z.string({ error: message ?? `Enter ${label}` }).transform((v, ctx) => {
    const parsed = parseDate(v);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: message ?? dateInputMessage(label, parsed.problem) });
    return z.NEVER;
  });

/** Zod: a date-time with its offset, as a Date; 422 with the field's path when it is not a real one. */
export const dateTimeField = (label: string) =>
  z.string({ error: `Enter ${label}` }).transform((v, ctx) => {
    const parsed = parseDateTime(v);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: dateInputMessage(label, parsed.problem, true) });
    return z.NEVER;
  });
