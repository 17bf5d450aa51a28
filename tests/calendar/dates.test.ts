import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bankHolidaysEnglandAndWales, parseGovUkBankHolidays } from '../../src/calendar/bank-holidays.ts';
import {
  addDays,
  addMonths,
  calendarYear,
  compareDates,
  daysBetween,
  dayOfWeek,
  financialYear,
  financialYearOf,
  isIsoDate,
  isWeekend,
  londonDate,
  londonDateTime,
  londonToday,
  monthKey,
  monthsInRange,
  previousFinancialYear,
  startOfLondonDay,
  type IsoDate,
} from '../../src/calendar/dates.ts';
import {
  computedEnglandAndWalesHolidays,
  defaultCalendar,
  WorkingDayCalendar,
} from '../../src/calendar/working-days.ts';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

/**
 * Dates from 1996 to 2075: the bundled list, rule-based years either side of it, and London's clocks
 * changing on the last Sundays of March and October, as they have since 1996.
 */
const anyDate = fc.integer({ min: 0, max: 80 * 366 }).map((n) => addDays('1996-01-01', n));
const workingDate = anyDate.map((date) => defaultCalendar.addWorkingDays(date, 0));

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
});

describe('isIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '0001-01-01'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '2023-02-30',
    '1900-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023-1-01',
    ' 2023-01-01',
    '2023-01-01T00:00',
    '20230101',
    '',
  ])('rejects %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it('is what every function taking a date insists on', () => {
    expect(() => addDays('2023-02-30', 1)).toThrow(/Not a calendar date as YYYY-MM-DD: "2023-02-30"/);
    expect(() => defaultCalendar.isWorkingDay('2023-2-3')).toThrow(RangeError);
    expect(() => addDays('2024-01-01', 1.5)).toThrow(/whole number/);
  });
});

describe('Europe/London', () => {
  it('gives the London date of instants either side of the clocks going forward (31 March 2024)', () => {
    expect(londonDate(at('2024-03-30T23:30Z'))).toBe('2024-03-30');
    expect(londonDate(at('2024-03-31T00:30Z'))).toBe('2024-03-31');
    // 23:30 UTC on the 31st is already 00:30 BST on 1 April.
    expect(londonDate(at('2024-03-31T22:59Z'))).toBe('2024-03-31');
    expect(londonDate(at('2024-03-31T23:30Z'))).toBe('2024-04-01');
  });

  it('gives the London date of instants either side of the clocks going back (27 October 2024)', () => {
    expect(londonDate(at('2024-10-26T22:59Z'))).toBe('2024-10-26');
    expect(londonDate(at('2024-10-26T23:00Z'))).toBe('2024-10-27');
    expect(londonDate(at('2024-10-27T23:30Z'))).toBe('2024-10-27');
    expect(londonDate(at('2024-10-28T00:00Z'))).toBe('2024-10-28');
  });

  it('reads the clock right in the very hours the clocks change, second by second', () => {
    // Each UTC hour's offset is worked out once and reused (dates.ts): these hours hold a change.
    expect(londonDateTime('2024-03-31', '00:59').toISOString()).toBe('2024-03-31T00:59:00.000Z');
    expect(londonDateTime('2024-03-31', '02:00').toISOString()).toBe('2024-03-31T01:00:00.000Z');
    expect(londonDateTime('2024-10-27', '00:59').toISOString()).toBe('2024-10-26T23:59:00.000Z');
    expect(londonDateTime('2024-10-27', '02:00').toISOString()).toBe('2024-10-27T02:00:00.000Z');
    // London mean time (1 minute 15 seconds behind Greenwich) ended mid-hour, at 00:01:15 UTC.
    expect(londonDate(at('1847-12-01T00:01:14Z'))).toBe('1847-11-30');
    expect(londonDate(at('1847-12-01T00:01:15Z'))).toBe('1847-12-01');
  });

  it('gives today in London', () => {
    expect(londonToday(at('2024-06-30T23:30Z'))).toBe('2024-07-01');
    expect(londonToday(at('2024-12-31T23:30Z'))).toBe('2024-12-31');
    expect(isIsoDate(londonToday())).toBe(true);
  });

  it('keeps London offsets by hour without changing any date: every second around each change, random instants 1800-2100', () => {
    // Independent reading: Intl straight, for each instant (dates.ts keeps each UTC hour's offset).
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const check = (instant: number) =>
      expect(londonDate(new Date(instant)), new Date(instant).toISOString()).toBe(intl.format(instant));
    // Clocks back 25 Oct 2026 01:00 UTC, forward 28 Mar 2027 01:00 UTC; 1 Dec 1847 (London's LMT ended at 00:01:15 UTC).
    for (const change of [
      Date.UTC(2026, 9, 25, 1),
      Date.UTC(2027, 2, 28, 1),
      Date.UTC(1847, 11, 1, 0, 1, 15),
    ]) {
      for (let t = change - 2 * 3_600_000; t <= change + 2 * 3_600_000; t += 1000) check(t);
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        check(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects an invalid Date', () => {
    expect(() => londonDate(new Date('not a date'))).toThrow(RangeError);
  });

  it('starts a London day at midnight BST in summer and midnight GMT in winter', () => {
    expect(startOfLondonDay('2024-07-01').toISOString()).toBe('2024-06-30T23:00:00.000Z');
    expect(startOfLondonDay('2024-01-15').toISOString()).toBe('2024-01-15T00:00:00.000Z');
    // The clocks change at 01:00 UTC, so both change days start on the old offset.
    expect(startOfLondonDay('2024-03-31').toISOString()).toBe('2024-03-31T00:00:00.000Z');
    expect(startOfLondonDay('2024-10-27').toISOString()).toBe('2024-10-26T23:00:00.000Z');
  });

  it('finds the instant of a London wall-clock time', () => {
    expect(londonDateTime('2024-07-01', '09:30').toISOString()).toBe('2024-07-01T08:30:00.000Z');
    expect(londonDateTime('2024-12-02', '18:00').toISOString()).toBe('2024-12-02T18:00:00.000Z');
    expect(londonDateTime('2024-12-02', '23:59').toISOString()).toBe('2024-12-02T23:59:00.000Z');
  });

  it('reads a skipped time on the old offset and a repeated time as the first (BST) one', () => {
    expect(londonDateTime('2024-03-31', '01:30').toISOString()).toBe('2024-03-31T01:30:00.000Z'); // 02:30 BST
    expect(londonDateTime('2024-10-27', '01:30').toISOString()).toBe('2024-10-27T00:30:00.000Z');
    expect(londonDateTime('2024-10-27', '02:00').toISOString()).toBe('2024-10-27T02:00:00.000Z');
  });

  it.each(['9:30', '24:00', '12:60', '12:00:00', ''])('rejects the time %j', (time) => {
    expect(() => londonDateTime('2024-07-01', time)).toThrow(/HH:MM/);
  });
});

describe('calendar arithmetic', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
  });

  it('counts, compares and names days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(compareDates('2024-01-02', '2024-01-10')).toBe(-1);
    expect(compareDates('2024-01-10', '2024-01-10')).toBe(0);
    expect(compareDates('2024-01-10', '2024-01-02')).toBe(1);
    expect(dayOfWeek('2026-12-25')).toBe(5);
    expect(dayOfWeek('2024-03-31')).toBe(0);
    expect(isWeekend('2026-12-26')).toBe(true);
    expect(isWeekend('2026-12-28')).toBe(false);
  });

  it('lists the months of a range across a year end', () => {
    expect(monthKey('2022-04-30')).toBe('2022-04');
    expect(monthsInRange('2022-11-15', '2023-02-01')).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
    expect(monthsInRange('2022-11-15', '2022-11-20')).toEqual(['2022-11']);
    expect(monthsInRange('2023-02-01', '2022-11-15')).toEqual([]);
  });
});

describe('years', () => {
  it('puts 31 March in the financial year that ends then and 1 April in the next', () => {
    expect(financialYearOf('2023-03-31')).toEqual({
      startYear: 2022,
      label: '2022/23',
      start: '2022-04-01',
      end: '2023-03-31',
    });
    expect(financialYearOf('2023-04-01')).toEqual({
      startYear: 2023,
      label: '2023/24',
      start: '2023-04-01',
      end: '2024-03-31',
    });
  });

  it('labels financial years across a century', () => {
    expect(financialYear(1999).label).toBe('1999/00');
    expect(financialYear(2009).label).toBe('2009/10');
    expect(previousFinancialYear(financialYear(2023))).toEqual(financialYear(2022));
  });

  it('gives calendar years', () => {
    expect(calendarYear(2026)).toEqual({ year: 2026, label: '2026', start: '2026-01-01', end: '2026-12-31' });
  });
});

describe('bank holidays', () => {
  const holidayOn = (date: IsoDate) => bankHolidaysEnglandAndWales.find((holiday) => holiday.date === date);

  it('bundles 2018 to 2028 in date order, unchangeable', () => {
    const years = new Set(bankHolidaysEnglandAndWales.map(({ date }) => Number(date.slice(0, 4))));
    expect([...years]).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    const dates = bankHolidaysEnglandAndWales.map(({ date }) => date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(dates.every((date) => !isWeekend(date))).toBe(true);
    expect(Object.isFrozen(bankHolidaysEnglandAndWales)).toBe(true);
    expect(Object.isFrozen(bankHolidaysEnglandAndWales[0])).toBe(true);
  });

  it('has the one-off and moved holidays of 2020, 2022 and 2023', () => {
    expect(holidayOn('2020-05-08')?.title).toBe('Early May bank holiday (VE day)');
    expect(defaultCalendar.isWorkingDay('2020-05-04')).toBe(true);
    expect(holidayOn('2022-06-02')?.title).toBe('Spring bank holiday');
    expect(holidayOn('2022-06-03')?.title).toBe('Platinum Jubilee bank holiday');
    expect(defaultCalendar.isWorkingDay('2022-05-30')).toBe(true);
    expect(holidayOn('2022-09-19')?.title).toBe('Bank Holiday for the State Funeral of Queen Elizabeth II');
    expect(holidayOn('2023-05-08')?.title).toBe('Bank holiday for the coronation of King Charles III');
    expect(defaultCalendar.isBankHoliday('2023-05-01')).toBe(true);
  });

  it.each([
    ['2020-12-28', 'Boxing Day (substitute day)'],
    ['2021-12-27', 'Christmas Day (substitute day)'],
    ['2021-12-28', 'Boxing Day (substitute day)'],
    ['2022-01-03', 'New Year’s Day (substitute day)'],
    ['2022-12-26', 'Boxing Day'],
    ['2022-12-27', 'Christmas Day (substitute day)'],
    ['2023-01-02', 'New Year’s Day (substitute day)'],
    ['2026-12-28', 'Boxing Day (substitute day)'],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2027-12-28', 'Boxing Day (substitute day)'],
    ['2028-01-03', 'New Year’s Day (substitute day)'],
  ])('has the substitute day %s (%s)', (date, title) => {
    expect(holidayOn(date)?.title).toBe(title);
    expect(defaultCalendar.isBankHoliday(date)).toBe(true);
  });

  // Everything else in the bundled list follows the rules; these are the exceptions, in full.
  const oneOffs: Record<number, { listedOnly: IsoDate[]; computedOnly: IsoDate[] }> = {
    2020: { listedOnly: ['2020-05-08'], computedOnly: ['2020-05-04'] },
    2022: { listedOnly: ['2022-06-02', '2022-06-03', '2022-09-19'], computedOnly: ['2022-05-30'] },
    2023: { listedOnly: ['2023-05-08'], computedOnly: [] },
  };

  it.each([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028])(
    'computes the bundled holidays of %i, apart from the known one-offs',
    (year) => {
      const listed = bankHolidaysEnglandAndWales.filter(({ date }) => date.startsWith(`${year}-`));
      const computed = computedEnglandAndWalesHolidays(year);
      const listedDates = listed.map(({ date }) => date);
      const computedDates = computed.map(({ date }) => date);
      const expected = oneOffs[year] ?? { listedOnly: [], computedOnly: [] };
      expect(listedDates.filter((date) => !computedDates.includes(date))).toEqual(expected.listedOnly);
      expect(computedDates.filter((date) => !listedDates.includes(date))).toEqual(expected.computedOnly);
      const listedTitles = new Map(listed.map(({ date, title }) => [date, title]));
      for (const { date, title } of computed) {
        if (listedTitles.has(date)) expect(listedTitles.get(date)).toBe(title);
      }
    },
  );

  it('computes Easter by the Gregorian computus', () => {
    const goodFriday = (year: number) =>
      computedEnglandAndWalesHolidays(year).find(({ title }) => title === 'Good Friday')?.date;
    // Easter Sundays 1978-03-26, 2000-04-23, 2008-03-23, 2038-04-25 (latest), 2285-03-22 (earliest).
    expect(goodFriday(1978)).toBe('1978-03-24');
    expect(goodFriday(2000)).toBe('2000-04-21');
    expect(goodFriday(2008)).toBe('2008-03-21');
    expect(goodFriday(2038)).toBe('2038-04-23');
    expect(goodFriday(2285)).toBe('2285-03-20');
  });

  it('falls back to the rules for years the list does not cover', () => {
    expect(defaultCalendar.holidaysBetween('2031-01-01', '2031-12-31')).toEqual([
      '2031-01-01',
      '2031-04-11',
      '2031-04-14',
      '2031-05-05',
      '2031-05-26',
      '2031-08-25',
      '2031-12-25',
      '2031-12-26',
    ]);
    // Christmas 2032 and New Year 2033 are Saturdays, New Year 2034 a Sunday.
    expect(defaultCalendar.holidaysBetween('2032-12-20', '2034-01-05')).toEqual([
      '2032-12-27',
      '2032-12-28',
      '2033-01-03',
      '2033-04-15',
      '2033-04-18',
      '2033-05-02',
      '2033-05-30',
      '2033-08-29',
      '2033-12-26',
      '2033-12-27',
      '2034-01-02',
    ]);
  });

  it('refuses rule-based holidays before the rules were complete', () => {
    expect(() => computedEnglandAndWalesHolidays(1977)).toThrow(/1978/);
  });
});

describe('working days', () => {
  it('goes from Christmas Eve 2026 to Tuesday 29 December', () => {
    expect(defaultCalendar.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(defaultCalendar.nextWorkingDay('2026-12-25')).toBe('2026-12-29');
    expect(defaultCalendar.isWorkingDay('2026-12-28')).toBe(false);
  });

  it('counts an enquiry received on Good Friday from the Tuesday after Easter', () => {
    // 2025: Good Friday 18 April, Easter Monday 21 April.
    expect(defaultCalendar.addWorkingDays('2025-04-18', 0)).toBe('2025-04-22');
    expect(defaultCalendar.addWorkingDays('2025-04-18', 1)).toBe('2025-04-22');
    expect(defaultCalendar.addWorkingDays('2025-04-18', 5)).toBe('2025-04-28');
    expect(defaultCalendar.addWorkingDays('2025-04-17', 1)).toBe('2025-04-22');
    expect(defaultCalendar.addWorkingDays('2025-04-11', 5)).toBe('2025-04-22');
    expect(defaultCalendar.workingDaysBetween('2025-04-17', '2025-04-22')).toBe(1);
  });

  it('counts working days backwards across bank holidays, for panel papers', () => {
    // Panel on Monday 8 April 2024: Easter Monday 1 April and Good Friday 29 March do not count.
    expect(defaultCalendar.addWorkingDays('2024-04-08', -5)).toBe('2024-03-28');
    // Panel on Tuesday 6 May 2025, the day after the early May bank holiday.
    expect(defaultCalendar.addWorkingDays('2025-05-06', -5)).toBe('2025-04-28');
    // From a weekend, the first step back is the Friday.
    expect(defaultCalendar.addWorkingDays('2025-05-04', -1)).toBe('2025-05-02');
  });

  it('counts working days between dates, excluding the first', () => {
    expect(defaultCalendar.workingDaysBetween('2024-03-28', '2024-04-08')).toBe(5);
    expect(defaultCalendar.workingDaysBetween('2024-04-08', '2024-03-28')).toBe(-5);
    expect(defaultCalendar.workingDaysBetween('2024-04-08', '2024-04-08')).toBe(0);
    expect(defaultCalendar.workingDaysBetween('2024-03-29', '2024-04-01')).toBe(0);
  });

  it('lists holidays between dates, including both ends', () => {
    expect(defaultCalendar.holidaysBetween('2024-04-01', '2025-03-31')[0]).toBe('2024-04-01');
    expect(defaultCalendar.holidaysBetween('2022-06-02', '2022-06-03')).toEqual(['2022-06-02', '2022-06-03']);
    expect(defaultCalendar.holidaysBetween('2022-06-03', '2022-06-02')).toEqual([]);
  });

  it('uses exactly the holidays it is given, with the rules only as an opt-in fallback', () => {
    const calendar = new WorkingDayCalendar(['2024-12-25']);
    expect(calendar.isBankHoliday('2024-12-25')).toBe(true);
    expect(calendar.isBankHoliday('2024-12-26')).toBe(false);
    expect(calendar.isBankHoliday('2031-12-25')).toBe(false);
    expect(() => new WorkingDayCalendar(['25/12/2024'])).toThrow(RangeError);
  });
});

describe('parseGovUkBankHolidays', () => {
  const event = (title: string, date: string, notes = '') => ({ title, date, notes, bunting: true });
  const sample = () => ({
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        event('Christmas Day', '2022-12-27', 'Substitute day'),
        event('Boxing Day', '2022-12-26'),
        event('Bank holiday for the coronation of King Charles III', '2023-05-08'),
        { title: 'Good Friday', date: '2023-04-07', notes: '', bunting: false },
      ],
    },
    scotland: {
      division: 'scotland',
      events: [event('2nd January', '2023-01-03', 'Substitute day'), event('St Andrew’s Day', '2023-11-30')],
    },
    'northern-ireland': {
      division: 'northern-ireland',
      events: [
        event('St Patrick’s Day', '2023-03-17'),
        event('Battle of the Boyne (Orangemen’s Day)', '2023-07-12'),
      ],
    },
  });

  it('takes the England & Wales events in date order, keeping notes in the title', () => {
    expect(parseGovUkBankHolidays(sample())).toEqual([
      { date: '2022-12-26', title: 'Boxing Day' },
      { date: '2022-12-27', title: 'Christmas Day (substitute day)' },
      { date: '2023-04-07', title: 'Good Friday' },
      { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' },
    ]);
  });

  const withEvents = (...events: unknown[]) => ({
    'england-and-wales': { division: 'england-and-wales', events },
  });

  it.each([
    ['text', JSON.stringify(withEvents()), /JSON\.parse it first/],
    ['null', null, /expected an object with a "england-and-wales" key, but got null/],
    ['the bundled list format', [{ date: '2023-05-08', title: 'x' }], /but got an array/],
    [
      'another division only',
      { scotland: sample().scotland },
      /no "england-and-wales" division \(top-level keys: scotland\)/,
    ],
    [
      'a mislabelled division',
      { 'england-and-wales': sample().scotland },
      /division should be "england-and-wales"/,
    ],
    ['no events', withEvents(), /events should be a non-empty array/],
    ['an event that is not an object', withEvents('2023-05-08'), /events\[0\] should be an object/],
    ['a missing date', withEvents({ title: 'Boxing Day' }), /events\[0\]\.date should be a real date/],
    ['an impossible date', withEvents(event('Boxing Day', '2023-02-30')), /"2023-02-30"/],
    ['a UK-style date', withEvents(event('Boxing Day', '26/12/2023')), /real date as YYYY-MM-DD/],
    ['an empty title', withEvents(event(' ', '2023-12-26')), /events\[0\]\.title \(2023-12-26\)/],
    ['a weekend date', withEvents(event('Boxing Day', '2021-12-26')), /falls on a Sunday.*substitute day/],
    [
      'a repeated date',
      withEvents(event('A', '2023-12-26'), event('B', '2023-12-26')),
      /2023-12-26 more than once/,
    ],
    ['non-string notes', withEvents({ ...event('A', '2023-12-26'), notes: 1 }), /notes \(2023-12-26\)/],
    ['non-boolean bunting', withEvents({ ...event('A', '2023-12-26'), bunting: 'yes' }), /bunting/],
  ])('rejects %s with a clear message', (_name, json, message) => {
    expect(() => parseGovUkBankHolidays(json)).toThrow(message);
  });

  it('can build a calendar from the feed', () => {
    const calendar = new WorkingDayCalendar(parseGovUkBankHolidays(sample()).map(({ date }) => date));
    expect(calendar.addWorkingDays('2022-12-23', 1)).toBe('2022-12-28');
  });
});

describe('properties', () => {
  const steps = fc.integer({ min: -300, max: 300 });

  it('lands on a working day whatever n is', () => {
    fc.assert(
      fc.property(anyDate, steps, (date, n) => {
        expect(defaultCalendar.isWorkingDay(defaultCalendar.addWorkingDays(date, n))).toBe(true);
      }),
    );
  });

  it('counts forward from any date, and both ways from a working day, n working days', () => {
    fc.assert(
      fc.property(anyDate, fc.nat(300), (date, n) => {
        expect(defaultCalendar.workingDaysBetween(date, defaultCalendar.addWorkingDays(date, n))).toBe(
          n === 0 && !defaultCalendar.isWorkingDay(date) ? 1 : n,
        );
      }),
    );
    fc.assert(
      fc.property(workingDate, steps, (date, n) => {
        expect(defaultCalendar.workingDaysBetween(date, defaultCalendar.addWorkingDays(date, n))).toBe(n);
      }),
    );
  });

  it('moves further the larger n is', () => {
    fc.assert(
      fc.property(anyDate, steps, steps, (date, n, m) => {
        const [low, high] = n < m ? [n, m] : [m, n];
        const order = compareDates(
          defaultCalendar.addWorkingDays(date, low),
          defaultCalendar.addWorkingDays(date, high),
        );
        expect(order).toBeLessThanOrEqual(0);
        // Only n = 0 and n = 1 can meet: from a weekend or holiday both give the next working day.
        if (low < high && !(low === 0 && high === 1)) expect(order).toBe(-1);
      }),
    );
  });

  it('agrees with counting day by day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 400 }), (a, span) => {
        const b = addDays(a, span);
        const [from, to] = span >= 0 ? [a, b] : [b, a];
        let working = 0;
        const holidays: IsoDate[] = [];
        for (let date = from; date <= to; date = addDays(date, 1)) {
          if (date > from && defaultCalendar.isWorkingDay(date)) working += 1;
          if (defaultCalendar.isBankHoliday(date)) holidays.push(date);
        }
        expect(defaultCalendar.workingDaysBetween(a, b)).toBe(span >= 0 ? working : 0 - working);
        expect(defaultCalendar.holidaysBetween(from, to)).toEqual(holidays);
      }),
    );
  });

  it('maps the start of a London day back to that day, for the whole 23, 24 or 25 hours', () => {
    fc.assert(
      fc.property(anyDate, fc.double({ min: 0, max: 1, noNaN: true }), (date, f) => {
        const start = startOfLondonDay(date).getTime();
        const length = startOfLondonDay(addDays(date, 1)).getTime() - start;
        const lastSunday = (month: string) =>
          date.slice(5, 7) === month && addDays(date, 7).slice(5, 7) !== month;
        const clocksChange = dayOfWeek(date) === 0 && (lastSunday('03') || lastSunday('10'));
        expect(length).toBe(!clocksChange ? 24 * HOUR : date.slice(5, 7) === '03' ? 23 * HOUR : 25 * HOUR);
        expect(londonDate(new Date(start))).toBe(date);
        expect(londonDate(new Date(start - 1))).toBe(addDays(date, -1));
        expect(londonDate(new Date(start + Math.floor(f * (length - 1))))).toBe(date);
        expect(londonDate(new Date(start + length - 1))).toBe(date);
      }),
    );
  });

  it('shows the asked-for time on London clocks, except in the skipped spring hour', () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(anyDate, time, (date, hhmm) => {
        const instant = londonDateTime(date, hhmm);
        expect(londonDate(instant)).toBe(date);
        const shown = londonClock.format(instant);
        if (shown !== hhmm) expect(shown).toBe(`02:${hhmm.slice(3)}`);
      }),
    );
  });

  it('puts every date inside its financial year', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const fy = financialYearOf(date);
        expect(compareDates(fy.start, date)).toBeLessThanOrEqual(0);
        expect(compareDates(date, fy.end)).toBeLessThanOrEqual(0);
        expect(addDays(previousFinancialYear(fy).end, 1)).toBe(fy.start);
        expect(fy.label).toMatch(/^\d{4}\/\d{2}$/);
      }),
    );
  });

  it('round-trips addDays and daysBetween', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -50_000, max: 50_000 }), (date, n) => {
        const moved = addDays(date, n);
        expect(isIsoDate(moved)).toBe(true);
        expect(daysBetween(date, moved)).toBe(n);
        expect(addDays(moved, -n)).toBe(date);
        expect(compareDates(date, moved)).toBe(Math.sign(-n) || 0);
      }),
    );
  });

  it('never lets addMonths overflow into the following month', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -240, max: 240 }), (date, n) => {
        const moved = addMonths(date, n);
        expect(monthKey(moved)).toBe(monthKey(addMonths(`${monthKey(date)}-01`, n)));
        const day = Number(date.slice(8));
        const movedDay = Number(moved.slice(8));
        expect(movedDay === day || (movedDay < day && monthKey(addDays(moved, 1)) !== monthKey(moved))).toBe(
          true,
        );
      }),
    );
  });

  it('lists consecutive months from first to last', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 800 }), (from, n) => {
        const to = addDays(from, n);
        const months = monthsInRange(from, to);
        expect(months[0]).toBe(monthKey(from));
        expect(months.at(-1)).toBe(monthKey(to));
        months.slice(1).forEach((month, i) => expect(month).toBe(monthKey(addMonths(`${months[i]}-01`, 1))));
      }),
    );
  });

  it('computes eight weekday holidays a year, in the right months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1978, max: 2500 }), (year) => {
        const holidays = computedEnglandAndWalesHolidays(year);
        const dates = holidays.map(({ date }) => date);
        expect(holidays).toHaveLength(8);
        expect(new Set(dates).size).toBe(8);
        expect(dates.every((date) => date.startsWith(`${year}-`) && !isWeekend(date))).toBe(true);
        const on = (title: string) => holidays.find((holiday) => holiday.title === title)?.date ?? '';
        expect(dayOfWeek(on('Good Friday'))).toBe(5);
        expect(daysBetween(on('Good Friday'), on('Easter Monday'))).toBe(3);
        expect(on('Early May bank holiday') <= `${year}-05-07`).toBe(true);
        expect(addDays(on('Spring bank holiday'), 7).slice(5, 7)).toBe('06');
        expect(addDays(on('Summer bank holiday'), 7).slice(5, 7)).toBe('09');
      }),
    );
  });

  it('accepts exactly the strings that are real dates', () => {
    const padded = (max: number, width: number) =>
      fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, '0'));
    fc.assert(
      fc.property(padded(9999, 4), padded(13, 2), padded(32, 2), (y, m, d) => {
        const value = `${y}-${m}-${d}`;
        const utc = new Date(`${value}T00:00:00Z`);
        const real = !Number.isNaN(utc.getTime()) && utc.toISOString().startsWith(value);
        expect(isIsoDate(value)).toBe(real);
      }),
    );
  });
});
