import { describe, expect, it } from 'vitest';
import { parseTrackerDate } from '../../src/imports/tracker-dates.ts';

const read = (text: string, order: 'dmy' | 'mdy' = 'dmy') => {
  const parsed = parseTrackerDate(text, order);
  return parsed.ok ? parsed.value : `refused: ${parsed.message}`;
};

describe('parseTrackerDate: the formats trackers use', () => {
  it.each([
    ['03/03/2024', '2024-03-03'],
    ['3/3/2024', '2024-03-03'],
    ['05/04/2024', '2024-04-05'], // day first: 5 April
    ['3/3/24', '2024-03-03'],
    ['31/12/69', '2069-12-31'], // 00–69 → 20xx
    ['1/1/70', '1970-01-01'], // 70–99 → 19xx
    ['15/6/98', '1998-06-15'],
    ['03.03.2024', '2024-03-03'],
    ['3-3-2024', '2024-03-03'],
    ['3-Mar-2024', '2024-03-03'],
    ['3-mar-24', '2024-03-03'],
    ['03 Mar 2024', '2024-03-03'],
    ['3 March 2024', '2024-03-03'],
    ['3rd March 2024', '2024-03-03'],
    ['21 Sept 2023', '2023-09-21'],
    ['2024-03-03', '2024-03-03'],
    ['  2024-03-03 ', '2024-03-03'],
    ['03/03/2024 00:00', '2024-03-03'], // exports add a midnight time
    ['2024-03-03T00:00:00', '2024-03-03'],
    ['3/3/2024 9:15 AM', '2024-03-03'],
    ['29/02/2024', '2024-02-29'], // leap year
  ])('reads %s as %s', (text, iso) => expect(read(text)).toBe(iso));

  it('reads month first when the file does', () => {
    expect(read('05/04/2024', 'mdy')).toBe('2024-05-04');
    expect(read('12/31/2024', 'mdy')).toBe('2024-12-31');
    // Named months and ISO are not ambiguous: the order does not change them.
    expect(read('3-Mar-2024', 'mdy')).toBe('2024-03-03');
    expect(read('2024-03-04', 'mdy')).toBe('2024-03-04');
  });
});

describe('parseTrackerDate: Excel serial numbers (1900 date system)', () => {
  it.each([
    ['45292', '2024-01-01'], // checked against Excel: =DATE(2024,1,1) is 45292
    ['45351', '2024-02-29'],
    ['45352', '2024-03-01'],
    ['32874', '1990-01-01'],
    ['36526', '2000-01-01'],
    ['45292.75', '2024-01-01'], // 18:00 on that day
    ['73415', '2100-12-31'],
  ])('reads %s as %s', (text, iso) => expect(read(text)).toBe(iso));

  // Counting from 1 Jan 1900 as serial 1 without Excel's fake 29 Feb 1900 would give 2 Jan 2024.
  it('handles the fake 29 February 1900 by counting from 30 December 1899', () => {
    expect(read('45292')).not.toBe('2024-01-02');
  });

  it.each(['60', '2024', '32873', '73416', '999999'])('refuses %s, outside 1990–2100', (text) =>
    expect(read(text)).toMatch(/^refused: /),
  );
});

describe('parseTrackerDate: never rolls over, says why and how to fix', () => {
  it('refuses 31/02/2024: February 2024 has 29 days', () => {
    expect(read('31/02/2024')).toBe(
      'refused: "31/02/2024" is not a real date: February 2024 has 29 days, so there is no day 31; correct it in the file',
    );
  });

  it('refuses 29/02/2023: not a leap year', () => {
    expect(read('29/02/2023')).toBe(
      'refused: "29/02/2023" is not a real date: February 2023 has 28 days, so there is no day 29; correct it in the file',
    );
  });

  it('refuses 13/13/2024: there is no month 13', () => {
    expect(read('13/13/2024')).toBe(
      'refused: "13/13/2024" is not a real date: there is no month 13; correct it in the file',
    );
  });

  it('suggests month-first dates when only that reading would work', () => {
    expect(read('12/31/2024')).toContain('choose month-first dates on the mapping page');
    expect(read('31/12/2024', 'mdy')).toContain('choose day-first dates on the mapping page');
  });

  it.each([
    ['32-Mar-2024', 'March 2024 has no day 32'],
    ['3 Smarch 2024', '"Smarch" is not a month name'],
    ['2024-02-30', 'February 2024 has 29 days'],
    ['00/03/2024', 'no day 0'],
    ['03/03/0224', 'the year 224'],
    ['03/03/1949', 'the year 1949'],
    ['03/03/2224', 'the year 2224'],
    ['next Tuesday', 'write it as day/month/year'],
    ['03/03-2024', 'write it as day/month/year'], // mixed separators
    ['', 'The date is blank'],
  ])('refuses %s (%s)', (text, why) => {
    const result = read(text);
    expect(result).toMatch(/^refused: /);
    expect(result).toContain(why);
  });
});
