import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dateField, dateTimeField, parseDate, parseDateTime } from '../../src/shared/date-input.ts';
import { happenedAt } from '../../src/shared/fields.ts';

const instant = (value: string) => {
  const parsed = parseDateTime(value);
  return parsed.ok ? parsed.value.toISOString() : parsed.problem;
};

describe('parseDate: real calendar dates only', () => {
  it.each(['2024-02-29', '2000-02-29', '2400-02-29', '2025-12-31', '2025-04-30', '1000-01-01', '9999-12-31'])(
    'accepts %s',
    (value) => expect(parseDate(value)).toEqual({ ok: true, value }),
  );

  it.each([
    ['2025-02-29', 'date'], // not a leap year
    ['1900-02-29', 'date'], // divisible by 100, not by 400
    ['2100-02-29', 'date'],
    ['2025-02-30', 'date'],
    ['2025-04-31', 'date'],
    ['2025-13-01', 'date'],
    ['2025-00-10', 'date'],
    ['2025-01-00', 'date'],
    ['0999-12-31', 'date'], // outside 1000–9999
    ['2025-1-01', 'format'],
    ['25-01-01', 'format'],
    ['2025/01/01', 'format'],
    [' 2025-01-01', 'format'],
    ['2025-01-01T00:00:00Z', 'format'],
    ['+02025-01-01', 'format'],
    ['', 'format'],
  ])('refuses %s (%s)', (value, problem) => expect(parseDate(value)).toEqual({ ok: false, problem }));

  it('refuses what is not a string', () => {
    for (const value of [20250101, null, undefined, ['2025-01-01'], { year: 2025 }]) {
      expect(parseDate(value)).toEqual({ ok: false, problem: 'format' });
    }
  });
});

describe('parseDateTime: RFC 3339 date-times, never rolled over', () => {
  it.each([
    ['2025-02-28T12:00:00Z', '2025-02-28T12:00:00.000Z'],
    ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00.000Z'],
    ['2025-03-05T19:00Z', '2025-03-05T19:00:00.000Z'], // seconds optional
    ['2025-03-05T19:00:00.5Z', '2025-03-05T19:00:00.500Z'],
    ['2025-03-05T19:00:00.123456789Z', '2025-03-05T19:00:00.123Z'], // beyond milliseconds is cut, not rounded
    ['2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T00:30:00+01:00', '2024-12-31T23:30:00.000Z'], // an offset can move the day
    ['2025-12-31T23:30:00-01:00', '2026-01-01T00:30:00.000Z'],
    ['2025-06-01T12:00:00+0530', '2025-06-01T06:30:00.000Z'],
    ['2025-06-01T12:00:00+14:00', '2025-05-31T22:00:00.000Z'],
    ['2025-06-01T12:00:00+23:59', '2025-05-31T12:01:00.000Z'], // RFC 3339's largest offset
    ['2025-01-01T23:59:59Z', '2025-01-01T23:59:59.000Z'],
  ])('reads %s as %s', (value, expected) => expect(instant(value)).toBe(expected));

  it.each([
    ['2025-02-30T12:00:00Z', 'date'], // the issue's example: was stored as 2 March
    ['2025-02-29T10:00:00Z', 'date'], // the issue's example: was stored as 1 March
    ['2023-02-29T00:00:00Z', 'date'],
    ['1900-02-29T00:00:00Z', 'date'],
    ['2025-13-01T10:00:00Z', 'date'],
    ['2025-04-31T10:00:00Z', 'date'],
    ['2025-01-01T24:00:00Z', 'time'], // 24:00 is refused: write 00:00 of the next day
    ['2025-01-01T25:00:00Z', 'time'],
    ['2025-01-01T10:61:00Z', 'time'],
    ['2025-01-01T10:00:60Z', 'time'], // leap seconds cannot be held
    ['2025-01-01T10:00:00+25:00', 'offset'],
    ['2025-01-01T10:00:00+24:00', 'offset'],
    ['2025-01-01T10:00:00-01:60', 'offset'],
    ['2025-01-01T10:00:00', 'format'], // no offset: which instant?
    ['2025-01-01 10:00:00Z', 'format'],
    ['2025-01-01t10:00:00z', 'format'],
    ['2025-01-01T1:00:00Z', 'format'],
    ['2025-01-01T10:00:00.Z', 'format'],
    ['2025-01-01T10:00:00.1234567890Z', 'format'],
    ['2025-01-01T10:00:00+1', 'format'],
    ['+275760-09-13T00:00:00.000Z', 'format'],
    ['-000001-01-01T00:00:00Z', 'format'],
    ['2025-01-01', 'format'],
    ['', 'format'],
  ])('refuses %s (%s)', (value, problem) => expect(parseDateTime(value)).toEqual({ ok: false, problem }));

  it('reads the instants either side of the clocks changing in London exactly', () => {
    // 30 March 2025: 01:00 GMT becomes 02:00 BST; 26 October 2025: 02:00 BST becomes 01:00 GMT.
    expect(instant('2025-03-30T00:59:59+00:00')).toBe('2025-03-30T00:59:59.000Z');
    expect(instant('2025-03-30T02:00:00+01:00')).toBe('2025-03-30T01:00:00.000Z');
    expect(instant('2025-10-26T01:30:00+01:00')).toBe('2025-10-26T00:30:00.000Z');
    expect(instant('2025-10-26T01:30:00+00:00')).toBe('2025-10-26T01:30:00.000Z');
  });
});

describe('zod fields give a 422 message naming the problem', () => {
  const schema = z.strictObject({ on: dateField('the start date'), at: dateTimeField('the time') });
  it('explains each refusal', () => {
    const result = schema.safeParse({ on: '2025-02-29', at: '2025-01-01T10:00:00+25:00' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['on', 'The start date must be a real date'],
      ['at', 'The time must have a real time zone offset, like Z or +01:00'],
    ]);
  });

  it('happenedAt takes a London date (start of that day, BST or GMT) or a real date-time', () => {
    const field = happenedAt('the date');
    expect(field.parse('2025-07-01')).toEqual({ at: new Date('2025-06-30T23:00:00Z'), dateOnly: true });
    expect(field.parse('2025-01-15')).toEqual({ at: new Date('2025-01-15T00:00:00Z'), dateOnly: true });
    expect(field.parse('2025-03-30')).toEqual({ at: new Date('2025-03-30T00:00:00Z'), dateOnly: true });
    expect(field.parse('2025-03-31')).toEqual({ at: new Date('2025-03-30T23:00:00Z'), dateOnly: true });
    expect(field.parse('2025-02-28T23:30:00-01:00')).toEqual({
      at: new Date('2025-03-01T00:30:00Z'),
      dateOnly: false,
    });
    for (const [value, message] of [
      ['2025-02-30T12:00:00Z', 'The date must be a real date'],
      ['2025-02-29T10:00:00Z', 'The date must be a real date'],
      ['2025-02-29', 'The date must be a real date'],
      ['2025-01-01T25:00:00Z', 'The date must have a real time of day, 00:00 to 23:59'],
      ['2025-01-01T10:00:00+25:00', 'The date must have a real time zone offset, like Z or +01:00'],
      ['yesterday', 'The date must be a real date, like 5 March 2024 (2024-03-05)'],
    ]) {
      const result = field.safeParse(value);
      expect(
        result.error?.issues.map((i) => i.message),
        value,
      ).toEqual([message]);
    }
  });
});
