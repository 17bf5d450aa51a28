/**
 * Dates as recruitment trackers write them (issue 14 §2). A tracker is typed by hand over years, so
 * one column can hold "03/03/2024", "3/3/24", "3-Mar-2024", "2024-03-03" and Excel's serial number
 * 45354 side by side. Each is read strictly with date-fns `parse` and never rolled over:
 * 31/02/2024 is refused, not read as 2 March.
 */
import { addDays, format, getDaysInMonth, isValid, parse } from 'date-fns';
import { enGB } from 'date-fns/locale';
import type { IsoDate } from '../calendar/dates.ts';

export type TrackerDate = { ok: true; value: IsoDate } | { ok: false; message: string };

/**
 * Years a typed tracker date can plausibly fall in (long-serving carers' approvals go back decades);
 * anything else is a typing slip. Excel serials are held to the narrower SERIAL_EARLIEST_YEAR.
 */
const EARLIEST_YEAR = 1950;
const LATEST_YEAR = 2100;
const SERIAL_EARLIEST_YEAR = 1990;

const FIX = 'correct it in the file';
const REFERENCE = new Date(2000, 0, 1);

// 3/3/24, 03/03/2024, 03.03.2024, 3-3-2024: the same separator twice.
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/;
// 3-Mar-2024, 03 Mar 2024, 3 March 2024, 3rd March 2024, 3-Mar-24.
const MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{2}|\d{4})$/i;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// An Excel serial day number, possibly with a time of day as a fraction.
const SERIAL = /^(\d{4,5})(?:\.\d+)?$/;
// Exports often add a midnight time ("03/03/2024 00:00", "2024-03-03T00:00:00"); only the day counts.
const TIME_SUFFIX = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[ap]m)?)$/i;

/**
 * Reads one tracker cell as a calendar date.
 *
 * Accepted: day/month/year with `/`, `.` or `-` (`dd/mm/yyyy`, `d/m/yy`, `dd.mm.yyyy`), read day
 * first for `order: 'dmy'` (England's habit) or month first for `'mdy'`; a day, month name and
 * year (`3-Mar-2024`, `03 Mar 2024`, `3 March 2024`, `3rd March 2024`); ISO `YYYY-MM-DD`; and
 * Excel serial numbers in the 1900 date system. Each may end with a time of day, which is ignored.
 *
 * Two-digit years: 00–69 are 2000–2069 and 70–99 are 1970–1999 (Excel's own rule), so "3/3/24" is
 * 3 March 2024 and "3/3/98" is 3 March 1998.
 *
 * Excel serials count days from serial 1 = 1 January 1900, but Excel also counts a 29 February 1900
 * that never was (serial 60, kept for Lotus 1-2-3 compatibility), so every serial from 61 on is one
 * day ahead: counting from 30 December 1899 gives the real date. Only serials for 1990–2100 are
 * accepted (about 32874 to 73415): a smaller or larger number is not a date anyone meant.
 *
 * Typed years outside 1950–2100 are refused as typing slips. Whether a date is in the future is not
 * checked here (the planner knows "today"). Never throws: an unreadable text gives a message saying
 * why and how to fix it.
 */
export function parseTrackerDate(text: string, order: 'dmy' | 'mdy'): TrackerDate {
  const cell = text.trim().replace(/\s+/g, ' ');
  if (cell === '') return refuse('The date is blank: enter the date, like 03/03/2024');
  const day = cell.replace(TIME_SUFFIX, '');
  const iso = ISO.exec(day);
  if (iso) return fromParts(cell, Number(iso[3]), Number(iso[2]), iso[1]!);
  const numeric = NUMERIC.exec(day);
  if (numeric) {
    const [first, second] = [Number(numeric[1]), Number(numeric[3])];
    const [d, m] = order === 'dmy' ? [first, second] : [second, first];
    return fromParts(cell, d, m, numeric[4]!, order);
  }
  const named = MONTH_NAME.exec(day);
  if (named) return fromMonthName(cell, Number(named[1]), named[2]!, named[3]!);
  const serial = SERIAL.exec(day);
  if (serial) return fromSerial(cell, Number(serial[1]));
  return refuse(`"${cell}" is not a date this import can read: write it as day/month/year, like 03/03/2024`);
}

const refuse = (message: string): TrackerDate => ({ ok: false, message });

/** "24" → 2024, "98" → 1998, "2024" → 2024. */
function fullYear(year: string): number {
  const n = Number(year);
  if (year.length === 4) return n;
  return n <= 69 ? 2000 + n : 1900 + n;
}

function plausibleYear(cell: string, year: number): TrackerDate | undefined {
  if (year >= EARLIEST_YEAR && year <= LATEST_YEAR) return undefined;
  return refuse(
    `"${cell}" has the year ${year}, which cannot be right for a tracker (${EARLIEST_YEAR} to ${LATEST_YEAR}): ${FIX}`,
  );
}

function fromParts(cell: string, day: number, month: number, year: string, order?: 'dmy' | 'mdy') {
  const y = fullYear(year);
  if (month < 1 || month > 12) return badMonth(cell, month, day, order);
  const bad = plausibleYear(cell, y);
  if (bad) return bad;
  const parsed = parse(`${day}/${month}/${y}`, 'd/M/yyyy', REFERENCE);
  return checked(cell, parsed, day, month, y);
}

function badMonth(cell: string, month: number, day: number, order?: 'dmy' | 'mdy'): TrackerDate {
  const hint =
    order && day >= 1 && day <= 12
      ? order === 'dmy'
        ? ' (if this file writes the month first, choose month-first dates on the mapping page)'
        : ' (if this file writes the day first, choose day-first dates on the mapping page)'
      : '';
  return refuse(`"${cell}" is not a real date: there is no month ${month}${hint}; ${FIX}`);
}

function fromMonthName(cell: string, day: number, monthName: string, year: string): TrackerDate {
  const y = fullYear(year);
  const bad = plausibleYear(cell, y);
  if (bad) return bad;
  // date-fns knows "Sep" and "September" but not the common "Sept".
  const name = monthName.toLowerCase() === 'sept' ? 'Sep' : monthName;
  for (const pattern of ['d MMM yyyy', 'd MMMM yyyy']) {
    const parsed = parse(`${day} ${name} ${y}`, pattern, REFERENCE, { locale: enGB });
    if (isValid(parsed)) return { ok: true, value: format(parsed, 'yyyy-MM-dd') };
  }
  const month = ['MMM', 'MMMM']
    .map((p) => parse(`${name} ${y}`, `${p} yyyy`, REFERENCE, { locale: enGB }))
    .find((date) => isValid(date));
  if (!month) return refuse(`"${cell}" is not a date: "${monthName}" is not a month name; ${FIX}`);
  return refuse(`"${cell}" is not a real date: ${format(month, 'MMMM yyyy')} has no day ${day}; ${FIX}`);
}

function checked(cell: string, parsed: Date, day: number, month: number, year: number): TrackerDate {
  if (isValid(parsed)) return { ok: true, value: format(parsed, 'yyyy-MM-dd') };
  const monthName = format(new Date(2000, month - 1, 1), 'MMMM');
  const lastDay = getDaysInMonth(new Date(year, month - 1, 1));
  return refuse(
    `"${cell}" is not a real date: ${monthName} ${year} has ${lastDay} days, so there is no day ${day}; ${FIX}`,
  );
}

// Serial 61 is 1 March 1900; from there on, days since 30 December 1899 (see parseTrackerDate).
const SERIAL_EPOCH = new Date(1899, 11, 30);

function fromSerial(cell: string, serial: number): TrackerDate {
  const date = addDays(SERIAL_EPOCH, serial);
  const year = date.getFullYear();
  if (year < SERIAL_EARLIEST_YEAR || year > LATEST_YEAR)
    return refuse(
      `"${cell}" is not a date: as an Excel date number it would be in ${year}; write the date as day/month/year, like 03/03/2024`,
    );
  return { ok: true, value: format(date, 'yyyy-MM-dd') };
}
