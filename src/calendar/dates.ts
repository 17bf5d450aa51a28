/**
 * Calendar dates and financial years (working days are in working-days.ts).
 * An IsoDate is a 'YYYY-MM-DD' Europe/London calendar date; an instant is a Date.
 * Functions taking an IsoDate throw a RangeError for anything but a real calendar date.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const LONDON = 'Europe/London';

type DateParts = { year: number; month: number; day: number };

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number) =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

function partsOf(value: string): DateParts | undefined {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const real = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  return real ? { year, month, day } : undefined;
}

function parse(date: IsoDate): DateParts {
  const parts = partsOf(date);
  if (!parts) throw new RangeError(`Not a calendar date as YYYY-MM-DD: ${JSON.stringify(date)}`);
  return parts;
}

function format({ year, month, day }: DateParts): IsoDate {
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Date out of range: year ${year}`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function wholeNumber(n: number, name: string) {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} should be a whole number, but is ${n}`);
  return n;
}

// Days since 1970-01-01, counted in UTC, where every day is 24 hours long.
function toDayNumber({ year, month, day }: DateParts) {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, does not read years 0–99 as 1900–1999
  return utc.getTime() / DAY_MS;
}

const dayNumberOf = (date: IsoDate) => toDayNumber(parse(date));

function fromDayNumber(dayNumber: number): IsoDate {
  const utc = new Date(dayNumber * DAY_MS);
  return format({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

export const isIsoDate = (value: string): boolean => partsOf(value) !== undefined;

/** The year of a date; a RangeError for anything but a real calendar date. */
export const yearOf = (date: IsoDate): number => parse(date).year;

/** The date of a year, month (1-12) and day; a RangeError for a year outside 0 to 9999. */
export const calendarDate = (year: number, month: number, day: number): IsoDate =>
  format({ year, month, day });

// ---- Europe/London ----

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** London's wall clock at an instant, read with Intl (slow: a few microseconds a call). */
function intlWallClockMs(instant: number) {
  const parts = Object.fromEntries(londonClock.formatToParts(instant).map((part) => [part.type, part.value]));
  const field = (name: string) => Number(parts[name]);
  const date = { year: field('year'), month: field('month'), day: field('day') };
  return toDayNumber(date) * DAY_MS + ((field('hour') * 60 + field('minute')) * 60 + field('second')) * 1000;
}

const HOUR_MS = 3_600_000;
const intlOffset = (instant: number) => intlWallClockMs(instant) - Math.floor(instant / 1000) * 1000;
/** London's offset by UTC hour: the clocks change on the hour (01:00 UTC since 1972). */
const offsetsByHour = new Map<number, number>();

/**
 * How far London's clocks are ahead of UTC at an instant, in milliseconds (0 in GMT, one hour in BST).
 * Read once per UTC hour and kept (issue 19: every new enquiry reads several); an hour whose first
 * and last seconds differ (a change not on the hour, as in 1847) is read instant by instant.
 */
function londonOffset(instant: number) {
  const hour = Math.floor(instant / HOUR_MS);
  const known = offsetsByHour.get(hour);
  if (known !== undefined) return known;
  const offset = intlOffset(hour * HOUR_MS);
  if (offset !== intlOffset(hour * HOUR_MS + HOUR_MS - 1000)) return intlOffset(instant);
  if (offsetsByHour.size >= 10_000) offsetsByHour.clear();
  offsetsByHour.set(hour, offset);
  return offset;
}

/** The date and time London's clocks show at an instant, to the second (`ms`: as if it were UTC). */
function londonWallClock(instant: number) {
  const ms = Math.floor(instant / 1000) * 1000 + londonOffset(instant);
  const utc = new Date(ms);
  return { date: { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() }, ms };
}

function instantOf(value: Date) {
  const instant = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(instant)) throw new RangeError(`Not a valid Date: ${String(value)}`);
  return instant;
}

export const londonDate = (instant: Date): IsoDate => format(londonWallClock(instantOf(instant)).date);

export const londonToday = (now: Date = new Date()): IsoDate => londonDate(now);

/**
 * The instant London's clocks show `time` ('HH:MM', 24-hour) on `date`. When the clocks go back the hour
 * happens twice and this is the first (BST) one; when they go forward a time in the skipped hour is read
 * on the old offset, so 01:30 becomes 02:30 BST.
 */
export function londonDateTime(date: IsoDate, time: string): Date {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not a 24-hour time as HH:MM: ${JSON.stringify(time)}`);
  const wall = dayNumberOf(date) * DAY_MS + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  // London changes offset at most once a day, so the offsets a day either side are the only candidates.
  const offsetBefore = londonOffset(wall - DAY_MS);
  const offsetAfter = londonOffset(wall + DAY_MS);
  const matching = [wall - offsetBefore, wall - offsetAfter].filter((t) => londonOffset(t) === wall - t);
  return new Date(matching.length > 0 ? Math.min(...matching) : wall - offsetBefore);
}

export const startOfLondonDay = (date: IsoDate): Date => londonDateTime(date, '00:00');

// ---- Calendar arithmetic ----

export const addDays = (date: IsoDate, n: number): IsoDate =>
  fromDayNumber(dayNumberOf(date) + wholeNumber(n, 'Days'));

/** Same day of the month, or the month's last day if it is shorter: 2024-01-31 + 1 month = 2024-02-29. */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const { year, month, day } = parse(date);
  const monthIndex = year * 12 + month - 1 + wholeNumber(n, 'Months');
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return format({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** b − a in calendar days. */
export const daysBetween = (a: IsoDate, b: IsoDate): number => dayNumberOf(b) - dayNumberOf(a);

export const compareDates = (a: IsoDate, b: IsoDate): -1 | 0 | 1 =>
  Math.sign(dayNumberOf(a) - dayNumberOf(b)) as -1 | 0 | 1;

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: IsoDate): number => (((dayNumberOf(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday

export const isWeekend = (date: IsoDate): boolean => [0, 6].includes(dayOfWeek(date));

const monthKeyOf = ({ year, month }: DateParts) => format({ year, month, day: 1 }).slice(0, 7);

/** '2022-04' */
export const monthKey = (date: IsoDate): string => monthKeyOf(parse(date));

/** Every month from `from` to `to` inclusive, as 'YYYY-MM'; empty if `to` is before `from`. */
export function monthsInRange(from: IsoDate, to: IsoDate): string[] {
  const first = parse(from);
  const last = parse(to);
  const months: string[] = [];
  for (let index = first.year * 12 + first.month - 1; index <= last.year * 12 + last.month - 1; index += 1) {
    const year = Math.floor(index / 12);
    months.push(monthKeyOf({ year, month: index - year * 12 + 1, day: 1 }));
  }
  return months;
}

// ---- Years ----

export type FinancialYear = { startYear: number; label: string; start: IsoDate; end: IsoDate };

/** 1 April `startYear` to 31 March the year after, labelled '2022/23'. */
export function financialYear(startYear: number): FinancialYear {
  wholeNumber(startYear, 'Financial year');
  return {
    startYear,
    label: `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`,
    start: format({ year: startYear, month: 4, day: 1 }),
    end: format({ year: startYear + 1, month: 3, day: 31 }),
  };
}

export function financialYearOf(date: IsoDate): FinancialYear {
  const { year, month } = parse(date);
  return financialYear(month >= 4 ? year : year - 1);
}

export const previousFinancialYear = (fy: FinancialYear): FinancialYear => financialYear(fy.startYear - 1);

export type CalendarYear = { year: number; label: string; start: IsoDate; end: IsoDate };

export function calendarYear(year: number): CalendarYear {
  wholeNumber(year, 'Year');
  return {
    year,
    label: String(year),
    start: format({ year, month: 1, day: 1 }),
    end: format({ year, month: 12, day: 31 }),
  };
}

// ---- Times of day ----

const CLOCK_TIME = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i;

/**
 * A time as people type it: "14:00", "9:30", "2pm", "2.15pm", "12:30am". A bare "10" is refused:
 * it could be morning or evening. Returns 24-hour "HH:MM".
 */
export function parseTime(value: string): string | undefined {
  const match = CLOCK_TIME.exec(value.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3]?.toLowerCase();
  if (minute > 59) return undefined;
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (match[2] === undefined || hour > 23) {
    return undefined;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
