/**
 * The working-day calendar the service uses: England & Wales bank holidays from the list an
 * administrator pasted from GOV.UK (so a new one-off holiday needs no release), or the list bundled
 * with the app until they do.
 */
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { bankHolidaysEnglandAndWales, parseGovUkBankHolidays, type BankHoliday } from './bank-holidays.ts';
import { londonToday } from './dates.ts';
import { computedEnglandAndWalesHolidays, WorkingDayCalendar } from './working-days.ts';
import { fieldError } from '../shared/errors.ts';
import { parse } from '../shared/validation.ts';
import { getSetting, putSetting } from '../settings/settings.repo.ts';

export const BANK_HOLIDAYS_KEY = 'bank_holidays';
const DIVISION = 'england-and-wales';

/**
 * How long a process trusts its cached calendar. The process where the administrator saves sees the
 * change at once; other web processes and the worker within this time.
 */
export const CALENDAR_TTL_MS = 60_000;

export interface BankHolidayList {
  holidays: readonly BankHoliday[];
  source: 'admin' | 'bundled';
  updatedAt: Date | null;
  /** Set when a stored list could not be read and the bundled one is used instead. */
  problem?: string;
}

const bundledYears = new Set(bankHolidaysEnglandAndWales.map((h) => Number(h.date.slice(0, 4))));

/**
 * A calendar from a list of holidays. Years the list does not mention at all come from the bundled
 * list if it covers them, otherwise from the usual rules (right unless a one-off is announced).
 */
export function calendarFromList(holidays: readonly BankHoliday[]): WorkingDayCalendar {
  return new WorkingDayCalendar(
    holidays.map((h) => h.date),
    {
      holidaysForOtherYears: (year) =>
        bundledYears.has(year)
          ? bankHolidaysEnglandAndWales.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date)
          : computedEnglandAndWalesHolidays(year).map((h) => h.date),
    },
  );
}

/** Stored in the GOV.UK file's own shape, so that reading it back is checked by the same parser. */
const storedShape = (holidays: readonly BankHoliday[]) => ({
  [DIVISION]: { division: DIVISION, events: holidays.map(({ date, title }) => ({ date, title })) },
});

export async function bankHolidayList(db: Db): Promise<BankHolidayList> {
  const stored = await getSetting(db, BANK_HOLIDAYS_KEY);
  const bundled = { holidays: bankHolidaysEnglandAndWales, source: 'bundled' as const, updatedAt: null };
  if (!stored) return bundled;
  try {
    return { holidays: parseGovUkBankHolidays(stored.value), source: 'admin', updatedAt: stored.updatedAt };
  } catch (err) {
    return { ...bundled, problem: (err as Error).message };
  }
}

type Cached = { loadedAt: number; calendar: Promise<WorkingDayCalendar> };
const cache = new WeakMap<Db, Cached>();

/** The calendar for this database, cached per Db handle for CALENDAR_TTL_MS. */
export function calendarFor(db: Db, now = Date.now()): Promise<WorkingDayCalendar> {
  const cached = cache.get(db);
  if (cached && now - cached.loadedAt < CALENDAR_TTL_MS) return cached.calendar;
  const calendar = bankHolidayList(db).then((list) => calendarFromList(list.holidays));
  cache.set(db, { loadedAt: now, calendar });
  // A failed load is not kept: the next caller tries again.
  void calendar.catch(() => {
    if (cache.get(db)?.calendar === calendar) cache.delete(db);
  });
  return calendar;
}

export const forgetCalendar = (db: Db) => cache.delete(db);

export const BankHolidaysForm = z.strictObject({
  json: z
    .string({ error: 'Paste the contents of bank-holidays.json' })
    .trim()
    .min(1, 'Paste the contents of bank-holidays.json')
    .max(1_000_000, 'That is far longer than GOV.UK’s bank-holidays.json: check what was pasted'),
});

/** Reads pasted GOV.UK JSON; every problem is a field error on `json`. */
export function readPastedBankHolidays(text: string, today = londonToday()): BankHoliday[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw fieldError(
      'json',
      `This is not valid JSON (${(err as Error).message}). Copy the whole page from https://www.gov.uk/bank-holidays.json`,
    );
  }
  let holidays: BankHoliday[];
  try {
    holidays = parseGovUkBankHolidays(json);
  } catch (err) {
    throw fieldError('json', (err as Error).message);
  }
  const year = today.slice(0, 4);
  if (!holidays.some((h) => h.date >= `${year}-01-01`)) {
    throw fieldError(
      'json',
      `This list has no bank holidays in ${year} or later (its last is ${holidays.at(-1)!.date}). Paste the current file from GOV.UK`,
    );
  }
  return holidays;
}

/** Replaces the bank holidays for the whole service, audited with what was added and removed. */
export async function saveBankHolidays(db: Db, actor: Actor, body: unknown) {
  const { json } = parse(BankHolidaysForm, body);
  const holidays = readPastedBankHolidays(json);
  const previous = await bankHolidayList(db);
  await db.transaction(async (tx) => {
    await putSetting(tx, BANK_HOLIDAYS_KEY, storedShape(holidays));
    const before = new Set(previous.holidays.map((h) => h.date));
    const after = new Set(holidays.map((h) => h.date));
    await recordAudit(tx, actor, {
      action: 'settings.bank_holidays_updated',
      entityType: 'setting',
      entityId: BANK_HOLIDAYS_KEY,
      changes: {
        holidays: { from: previous.holidays.length, to: holidays.length },
        range: { to: `${holidays[0]!.date} to ${holidays.at(-1)!.date}` },
        added: { to: holidays.filter((h) => !before.has(h.date)).map((h) => h.date) },
        removed: { to: previous.holidays.filter((h) => !after.has(h.date)).map((h) => h.date) },
      },
    });
  });
  forgetCalendar(db);
  return holidays;
}
