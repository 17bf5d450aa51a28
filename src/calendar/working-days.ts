/**
 * Working days in England & Wales: bank holidays by rule, and a calendar of working days over a list of
 * bank holidays. The list the service uses is the administrator-maintained one (calendar.service.ts).
 */
import { bankHolidaysEnglandAndWales, type BankHoliday } from './bank-holidays.ts';
import {
  addDays,
  calendarDate,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isWeekend,
  yearOf,
  type IsoDate,
} from './dates.ts';

function wholeNumber(n: number, name: string) {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} should be a whole number, but is ${n}`);
  return n;
}

// ---- England & Wales bank holidays by rule ----

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDate(year, month, day);
}

const firstMonday = (year: number, month: number) => {
  const first = calendarDate(year, month, 1);
  return addDays(first, (8 - dayOfWeek(first)) % 7);
};

const lastMonday = (year: number, month: number) => {
  const last = calendarDate(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) + 6) % 7));
};

// The Banking and Financial Dealings Act 1971 rules have been complete since the early May holiday began in 1978.
const FIRST_RULE_YEAR = 1978;

/**
 * The usual England & Wales bank holidays of a year, without one-offs (jubilees, coronations, state
 * funerals) or moved days (VE Day 2020, Platinum Jubilee 2022). A fixed-date holiday that falls on a
 * weekend moves to the next weekday that is not already a holiday.
 */
export function computedEnglandAndWalesHolidays(year: number): BankHoliday[] {
  wholeNumber(year, 'Year');
  if (year < FIRST_RULE_YEAR || year > 9999) {
    throw new RangeError(`Bank holidays by rule cover ${FIRST_RULE_YEAR} to 9999, not ${year}`);
  }
  const easter = easterSunday(year);
  const movable: BankHoliday[] = [
    { date: addDays(easter, -2), title: 'Good Friday' },
    { date: addDays(easter, 1), title: 'Easter Monday' },
    { date: firstMonday(year, 5), title: 'Early May bank holiday' },
    { date: lastMonday(year, 5), title: 'Spring bank holiday' },
    { date: lastMonday(year, 8), title: 'Summer bank holiday' },
  ];
  const fixed: BankHoliday[] = [
    { date: calendarDate(year, 1, 1), title: 'New Year’s Day' },
    { date: calendarDate(year, 12, 25), title: 'Christmas Day' },
    { date: calendarDate(year, 12, 26), title: 'Boxing Day' },
  ];
  const holidays = [...movable, ...fixed.filter(({ date }) => !isWeekend(date))];
  for (const { date, title } of fixed.filter(({ date }) => isWeekend(date))) {
    let substitute = addDays(date, 1);
    while (isWeekend(substitute) || holidays.some((holiday) => holiday.date === substitute)) {
      substitute = addDays(substitute, 1);
    }
    holidays.push({ date: substitute, title: `${title} (substitute day)` });
  }
  return holidays.sort((a, b) => compareDates(a.date, b.date));
}

// ---- Working days ----

export type WorkingDayCalendarOptions = {
  /** Bank holidays for a year the given list does not mention at all; without it such years have none. */
  holidaysForOtherYears?: (year: number) => Iterable<IsoDate>;
};

/** Working days are Monday to Friday except bank holidays. */
export class WorkingDayCalendar {
  readonly #byYear = new Map<number, Set<IsoDate>>();
  readonly #holidaysForOtherYears: ((year: number) => Iterable<IsoDate>) | undefined;

  constructor(bankHolidays: Iterable<IsoDate>, options: WorkingDayCalendarOptions = {}) {
    for (const date of bankHolidays) this.#yearSet(yearOf(date)).add(date);
    this.#holidaysForOtherYears = options.holidaysForOtherYears;
  }

  #yearSet(year: number) {
    const dates = this.#byYear.get(year) ?? new Set<IsoDate>();
    this.#byYear.set(year, dates);
    return dates;
  }

  #holidaysIn(year: number): ReadonlySet<IsoDate> {
    if (!this.#byYear.has(year) && this.#holidaysForOtherYears) {
      for (const date of this.#holidaysForOtherYears(year)) this.#yearSet(year).add(date);
    }
    return this.#byYear.get(year) ?? new Set();
  }

  isBankHoliday(date: IsoDate): boolean {
    return this.#holidaysIn(yearOf(date)).has(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    return !isWeekend(date) && !this.isBankHoliday(date);
  }

  /**
   * The date `n` working days after `date`, or before it when `n` is negative. With `n` = 0, `date` itself
   * if it is a working day, otherwise the next one.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    wholeNumber(n, 'Working days');
    if (n === 0) return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
    let current = date;
    for (let remaining = Math.abs(n); remaining > 0;) {
      current = addDays(current, Math.sign(n));
      if (this.isWorkingDay(current)) remaining -= 1;
    }
    return current;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /** How many working days d have a < d ≤ b; negative when b is before a. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const span = 0 - daysBetween(b, a); // days from a to b, checking a first as before
    if (span < 0) return 0 - this.workingDaysBetween(b, a); // 0 - x, not -x, so that none is 0 and not -0
    const fullWeeks = Math.floor(span / 7);
    let weekdays = fullWeeks * 5;
    for (let day = fullWeeks * 7 + 1; day <= span; day += 1) {
      if (!isWeekend(addDays(a, day))) weekdays += 1;
    }
    const weekdayHolidays = this.holidaysBetween(addDays(a, 1), b).filter((date) => !isWeekend(date));
    return weekdays - weekdayHolidays.length;
  }

  /** The bank holidays d with a ≤ d ≤ b (both ends included), in date order. */
  holidaysBetween(a: IsoDate, b: IsoDate): IsoDate[] {
    const first = yearOf(a);
    const last = yearOf(b);
    const dates: IsoDate[] = [];
    for (let year = first; year <= last; year += 1) {
      for (const date of this.#holidaysIn(year)) if (date >= a && date <= b) dates.push(date);
    }
    return dates.sort();
  }
}

/**
 * England & Wales: the bundled GOV.UK list for the years it covers, and the usual rules for other years,
 * which are right unless a one-off holiday is announced.
 */
export const defaultCalendar = new WorkingDayCalendar(
  bankHolidaysEnglandAndWales.map((holiday) => holiday.date),
  { holidaysForOtherYears: (year) => computedEnglandAndWalesHolidays(year).map((holiday) => holiday.date) },
);
