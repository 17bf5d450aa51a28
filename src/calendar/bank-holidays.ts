/** England & Wales bank holidays: the list bundled with the app, and the GOV.UK feed that can replace it. */
import { readFileSync } from 'node:fs';
import type { IsoDate } from './dates.ts';

export type BankHoliday = { date: IsoDate; title: string };

const GOV_UK_URL = 'https://www.gov.uk/bank-holidays.json';
const DIVISION = 'england-and-wales';
const BUNDLED_FILE = 'src/calendar/bank-holidays.json';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

// A check of its own (not isIsoDate from dates.ts), so that this module imports no code, only the IsoDate type.
const isRealDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().startsWith(value);

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`${where} should be an object, but is ${describe(value)}`);
  return value;
}

function checkHoliday({ date, title }: Record<string, unknown>, where: string): BankHoliday {
  if (typeof date !== 'string' || !isRealDate(date)) {
    throw new Error(`${where}.date should be a real date as YYYY-MM-DD, but is ${describe(date)}`);
  }
  if (typeof title !== 'string' || title.trim() === '') {
    throw new Error(`${where}.title (${date}) should be a non-empty string, but is ${describe(title)}`);
  }
  const weekday = new Date(date).getUTCDay();
  if (weekday === 0 || weekday === 6) {
    throw new Error(
      `${where} (${date}, ${title}) falls on a ${weekday === 0 ? 'Sunday' : 'Saturday'}: ` +
        'bank holidays are weekdays, and GOV.UK lists the substitute day instead',
    );
  }
  return { date, title: title.trim() };
}

function checkNoDuplicates(holidays: readonly BankHoliday[], source: string) {
  const seen = new Set<IsoDate>();
  for (const { date } of holidays) {
    if (seen.has(date)) throw new Error(`${source} lists ${date} more than once`);
    seen.add(date);
  }
}

const byDate = (a: BankHoliday, b: BankHoliday) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * The England & Wales events from the JSON published at https://www.gov.uk/bank-holidays.json, sorted by
 * date. A note such as "Substitute day" is kept in the title: "Boxing Day (substitute day)".
 */
export function parseGovUkBankHolidays(json: unknown): BankHoliday[] {
  const source = `GOV.UK bank holidays (${GOV_UK_URL})`;
  if (typeof json === 'string') {
    throw new Error(`${source}: expected parsed JSON, but got text; JSON.parse it first`);
  }
  if (!isRecord(json)) {
    throw new Error(`${source}: expected an object with a "${DIVISION}" key, but got ${describe(json)}`);
  }
  const division = json[DIVISION];
  if (!isRecord(division)) {
    const keys = Object.keys(json).slice(0, 5).join(', ') || 'none';
    throw new Error(
      `${source}: no "${DIVISION}" division (top-level keys: ${keys}); is this the right file?`,
    );
  }
  if (division.division !== DIVISION) {
    throw new Error(
      `${source}: "${DIVISION}".division should be "${DIVISION}", but is ${describe(division.division)}`,
    );
  }
  const { events } = division;
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error(
      `${source}: "${DIVISION}".events should be a non-empty array, but is ${describe(events)}`,
    );
  }
  const holidays = events.map((event: unknown, index) => {
    const where = `${source}: "${DIVISION}".events[${index}]`;
    const record = asRecord(event, where);
    const holiday = checkHoliday(record, where);
    const { notes = '', bunting = false } = record;
    if (typeof notes !== 'string') {
      throw new Error(`${where}.notes (${holiday.date}) should be a string, but is ${describe(notes)}`);
    }
    if (typeof bunting !== 'boolean') {
      throw new Error(
        `${where}.bunting (${holiday.date}) should be true or false, but is ${describe(bunting)}`,
      );
    }
    const note = notes.trim();
    return note
      ? { ...holiday, title: `${holiday.title} (${note.charAt(0).toLowerCase()}${note.slice(1)})` }
      : holiday;
  });
  checkNoDuplicates(holidays, source);
  return holidays.sort(byDate);
}

function parseBundledList(json: unknown): BankHoliday[] {
  if (!Array.isArray(json)) {
    throw new Error(`${BUNDLED_FILE} should hold an array, but holds ${describe(json)}`);
  }
  const holidays = json.map((entry: unknown, index) => {
    const where = `${BUNDLED_FILE}[${index}]`;
    return checkHoliday(asRecord(entry, where), where);
  });
  checkNoDuplicates(holidays, BUNDLED_FILE);
  return holidays.sort(byDate);
}

/** The bundled list, checked as strictly as the GOV.UK feed so that a bad edit fails at startup. */
export const bankHolidaysEnglandAndWales: readonly BankHoliday[] = Object.freeze(
  parseBundledList(JSON.parse(readFileSync(new URL('./bank-holidays.json', import.meta.url), 'utf8'))).map(
    (holiday) => Object.freeze(holiday),
  ),
);
