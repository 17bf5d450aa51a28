import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.table.ts';
import { householdDeadlines } from '../../src/deadlines/deadlines.service.ts';
import { firstContactDueOn } from '../../src/deadlines/deadlines.ts';
import {
  calendarFor,
  calendarFromList,
  readPastedBankHolidays,
} from '../../src/calendar/calendar.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { bankHolidaysEnglandAndWales, type BankHoliday } from '../../src/calendar/bank-holidays.ts';
import { addDays, londonDateTime, londonToday } from '../../src/calendar/dates.ts';
import { computedEnglandAndWalesHolidays, defaultCalendar } from '../../src/calendar/working-days.ts';
import type { AppError } from '../../src/shared/errors.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

/** GOV.UK's bank-holidays.json, in its own shape, for these England and Wales holidays. */
const govUkJson = (holidays: readonly BankHoliday[]) =>
  JSON.stringify({
    'england-and-wales': {
      division: 'england-and-wales',
      events: holidays.map((h) => ({ ...h, notes: '', bunting: true })),
    },
    scotland: { division: 'scotland', events: [] },
  });

const thisYear = Number(londonToday().slice(0, 4));
/** A believable current list: this year and the next two, by the usual rules. */
const currentList = [thisYear, thisYear + 1, thisYear + 2].flatMap((y) => computedEnglandAndWalesHolidays(y));

/** A weekday at least a week ahead that is not already a holiday, for a one-off holiday. */
function oneOffDay() {
  let day = addDays(londonToday(), 10);
  while (!defaultCalendar.isWorkingDay(day) || !defaultCalendar.isWorkingDay(addDays(day, -1))) {
    day = addDays(day, 1);
  }
  return day;
}

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
};

describe('bank holidays kept up to date by an administrator', () => {
  const ctx = useTestContext();

  it('builds a calendar from a pasted list, falling back to the bundled list and then the rules', () => {
    const coronation = { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' };
    const onlyOneYear = calendarFromList([{ date: '2030-06-03', title: 'A one-off holiday' }]);
    expect(onlyOneYear.isBankHoliday('2030-06-03')).toBe(true);
    // 2030 is listed, so the rule-based spring holiday is not assumed.
    expect(onlyOneYear.isBankHoliday('2030-05-27')).toBe(false);
    // 2023 is not listed: the bundled list (which has the coronation) applies.
    expect(onlyOneYear.isBankHoliday(coronation.date)).toBe(true);
    // 2040 is in neither: the usual rules.
    expect(onlyOneYear.isBankHoliday('2040-12-25')).toBe(true);
  });

  it('moves a working-day deadline past a newly announced one-off holiday', () => {
    const day = oneOffDay();
    const withOneOff = calendarFromList([...currentList, { date: day, title: 'A one-off holiday' }]);
    const receivedAt = londonDateTime(addDays(day, -1), '16:00');
    expect(firstContactDueOn(receivedAt, defaultCalendar)).toBe(day);
    expect(firstContactDueOn(receivedAt, withOneOff)).toBe(withOneOff.nextWorkingDay(day));
  });

  it('explains what is wrong with a pasted list', () => {
    expect(errorOf(() => readPastedBankHolidays('{"england-and-wales": ')).issues[0]).toMatchObject({
      path: 'json',
      message: expect.stringContaining('not valid JSON'),
    });
    expect(errorOf(() => readPastedBankHolidays('{"scotland": {}}')).message).toMatch(
      /no "england-and-wales" division/,
    );
    const saturday = govUkJson([{ date: '2030-06-01', title: 'Saturday holiday' }]);
    expect(errorOf(() => readPastedBankHolidays(saturday)).message).toMatch(/falls on a Saturday/);
    const stale = govUkJson(bankHolidaysEnglandAndWales.filter((h) => h.date < '2020-01-01'));
    expect(errorOf(() => readPastedBankHolidays(stale, '2026-02-01')).message).toMatch(
      /no bank holidays in 2026 or later \(its last is 2019-12-26\)/,
    );
  });

  it('lets an administrator paste GOV.UK’s list, which deadlines use at once, and audits it', async () => {
    const db = ctx().deps.db;
    const admin = await makeUser(db, ctx().agencyId, 'admin');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(admin.email, admin.password);

    const page = await browser.get('/admin/bank-holidays');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Using the list that came with the system');
    expect(page.body).toMatch(
      /<caption[^>]* class="govuk-table__caption govuk-table__caption--m"[^>]*>Coming up<\/caption>/,
    );

    const bad = await browser.post('/admin/bank-holidays', { json: '{"england-and-wales": {"division": 1' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('This is not valid JSON');
    expect(bad.body).toContain('{&quot;england-and-wales&quot;: {&quot;division&quot;: 1</textarea>');

    // An enquiry today is due by the end of the next working day, until that day becomes a holiday.
    const day = defaultCalendar.addWorkingDays(londonToday(), 1);
    const enquiry = await makeEnquiry(db, ctx().agencyId, { receivedAt: londonToday() });
    const before = await householdDeadlines(db, systemActor(ctx().agencyId), enquiry.id);
    expect(before.find((d) => d.key === 'first_contact')!.dueOn).toBe(day);
    await calendarFor(db); // cached now: saving must replace it

    const good = await browser.post('/admin/bank-holidays', {
      json: govUkJson([...currentList, { date: day, title: 'A one-off holiday' }]),
    });
    expect(good.status).toBe(303);
    const after = await browser.get('/admin/bank-holidays');
    expect(after.body).toContain('Bank holidays updated');
    expect(after.body).toContain('Using the GOV.UK list saved on');
    expect(after.body).toContain('A one-off holiday');

    expect((await calendarFor(db)).isBankHoliday(day)).toBe(true);
    const moved = await householdDeadlines(db, systemActor(ctx().agencyId), enquiry.id);
    expect(moved.find((d) => d.key === 'first_contact')!.dueOn).toBe(
      (await calendarFor(db)).nextWorkingDay(day),
    );

    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'settings.bank_holidays_updated'), eq(auditEvents.actorUserId, admin.id)),
      );
    expect(audit!.changes!.added!.to).toContain(day);
  });

  it('is for administrators only', async () => {
    for (const role of ['officer', 'manager', 'comms'] as const) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      const browser = new Browser(ctx().baseUrl);
      await browser.signIn(user.email, user.password);
      expect((await browser.get('/admin/bank-holidays')).status, role).toBe(403);
      expect((await browser.post('/admin/bank-holidays', { json: '{}' })).status, role).toBe(403);
    }
  });
});
