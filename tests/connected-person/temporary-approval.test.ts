/**
 * The connected-person clocks (Care Planning, Placement and Case Review (England) Regulations 2010,
 * regs 24 and 25): 16 calendar weeks from the placement, extendable once by up to 8 weeks. Every
 * expected date below was worked out by hand from a calendar, not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { londonDateTime } from '../../src/calendar/dates.ts';
import { defaultCalendar } from '../../src/calendar/working-days.ts';
import {
  extensionDateProblem,
  firstPeriodEnd,
  temporaryApprovalClock,
  timeLeftText,
} from '../../src/connected-person/temporary-approval.ts';
import { deadlinesFor, type HouseholdFacts } from '../../src/deadlines/deadlines.ts';

const on = (date: string) => londonDateTime(date, '12:00');

describe('the 16-week temporary approval clock', () => {
  it('ends 16 calendar weeks (112 days) after the placement, same weekday', () => {
    // 20 Nov 2025 + 10 days = 30 Nov; + 31 (Dec) + 31 (Jan) + 28 (Feb) = 100 more → 12 Mar 2026.
    expect(firstPeriodEnd('2025-11-20')).toBe('2026-03-12');
    // 1 Oct 2025 + 30 = 31 Oct; + 30 (Nov) + 31 (Dec) = 91 days in → 21 more → 21 Jan 2026.
    expect(firstPeriodEnd('2025-10-01')).toBe('2026-01-21');
  });

  it('is not moved by the Christmas and New Year bank holidays it crosses', () => {
    // Placed Monday 1 December 2025: the 16 weeks cross Christmas Day, Boxing Day and New Year's
    // Day (bank holidays in England). 1 Dec + 30 = 31 Dec; + 31 (Jan) + 28 (Feb) + 23 = 23 Mar 2026.
    const placedOn = '2025-12-01';
    expect(firstPeriodEnd(placedOn)).toBe('2026-03-23');
    const holidays = ['2025-12-25', '2025-12-26', '2026-01-01'];
    for (const day of holidays) expect(defaultCalendar.isWorkingDay(day)).toBe(false);
    // Had the clock been 80 working days (16 weeks of 5), those 3 holidays would have pushed it
    // 3 working days later, to Thursday 26 March: it is not.
    expect(defaultCalendar.addWorkingDays(placedOn, 80)).toBe('2026-03-26');
    expect(firstPeriodEnd(placedOn)).not.toBe(defaultCalendar.addWorkingDays(placedOn, 80));
  });

  it('shows an end date on a bank holiday or a weekend as it is, never rolled to a working day', () => {
    // 4 Sep 2026 + 26 = 30 Sep; + 31 (Oct) + 30 (Nov) + 25 = Friday 25 December 2026, Christmas Day.
    expect(firstPeriodEnd('2026-09-04')).toBe('2026-12-25');
    // A Saturday placement ends on a Saturday: 7 Mar 2026 + 24 = 31 Mar; + 30 (Apr) + 31 (May) + 27 = 27 Jun.
    expect(firstPeriodEnd('2026-03-07')).toBe('2026-06-27');
  });

  it('adds the extension’s weeks to the 16, across Easter and the May bank holidays', () => {
    // Ends 23 Mar 2026; 8 weeks (56 days) later: 23 Mar + 8 = 31 Mar; + 30 (Apr) + 18 = 18 May 2026,
    // across Good Friday 3 Apr, Easter Monday 6 Apr and the early May bank holiday 4 May.
    const clock = temporaryApprovalClock('2025-12-01', { weeks: 8, agreedOn: '2026-03-16' }, '2026-03-30');
    expect(clock).toMatchObject({
      firstEndsOn: '2026-03-23',
      endsOn: '2026-05-18',
      daysLeft: 49,
      weeksLeft: 7,
    });
    // 3 weeks from 21 Jan 2026: 11 Feb 2026.
    expect(
      temporaryApprovalClock('2025-10-01', { weeks: 3, agreedOn: '2026-01-20' }, '2026-01-21').endsOn,
    ).toBe('2026-02-11');
  });

  it('says how long is left in plain words', () => {
    // 16 Feb 2026 to 23 Mar 2026: 12 days left in February + 23 = 35 days, 5 weeks.
    const clock = temporaryApprovalClock('2025-12-01', null, '2026-02-16');
    expect(clock.daysLeft).toBe(35);
    expect(timeLeftText(clock)).toBe('5 weeks left');
    expect(timeLeftText(temporaryApprovalClock('2025-12-01', null, '2026-03-13'))).toBe('10 days left');
    expect(timeLeftText(temporaryApprovalClock('2025-12-01', null, '2026-03-22'))).toBe('1 day left');
    expect(timeLeftText(temporaryApprovalClock('2025-12-01', null, '2026-03-23'))).toBe('ends today');
    expect(timeLeftText(temporaryApprovalClock('2025-12-01', null, '2026-03-25'))).toBe('ended 2 days ago');
  });

  it('takes an extension agreed between the placement and the end of the 16 weeks, not after', () => {
    expect(extensionDateProblem('2025-12-01', '2026-03-23')).toBeNull();
    expect(extensionDateProblem('2025-12-01', '2025-12-01')).toBeNull();
    expect(extensionDateProblem('2025-12-01', '2026-03-24')).toMatch(/lapsed temporary approval/);
    expect(extensionDateProblem('2025-12-01', '2025-11-30')).toMatch(/on or after the placement date/);
  });
});

describe('the temporary approval in the deadlines engine', () => {
  const facts = (overrides: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
    stage: 'assessment',
    receivedAt: on('2025-12-02'),
    firstContactedAt: on('2025-12-02'),
    contactAttempts: [{ at: on('2025-12-02'), outcome: 'reached' }],
    applicationAt: on('2025-12-10'),
    panelCases: [],
    closure: null,
    route: 'family_and_friends',
    placedOn: '2025-12-01',
    extension: null,
    approvedAt: null,
    ...overrides,
  });
  const clock = (f: HouseholdFacts, now: string) =>
    deadlinesFor(f, defaultCalendar, on(now)).find((d) => d.key === 'temporary_approval')!;

  it('is upcoming, then due soon within 20 working days, then overdue the day after it ends', () => {
    expect(clock(facts(), '2026-01-05')).toMatchObject({ dueOn: '2026-03-23', state: 'upcoming' });
    // 23 Feb to 23 Mar 2026: 20 working days (4 weeks, no bank holidays).
    expect(clock(facts(), '2026-02-23')).toMatchObject({ state: 'due_soon', workingDaysLeft: 20 });
    expect(clock(facts(), '2026-02-20').state).toBe('upcoming');
    expect(clock(facts(), '2026-03-23').state).toBe('due_soon');
    expect(clock(facts(), '2026-03-24')).toMatchObject({ state: 'overdue', daysOverdue: 1 });
  });

  it('moves to the extended end once an extension is recorded', () => {
    const extended = facts({ extension: { weeks: 8, agreedOn: '2026-03-16' } });
    expect(clock(extended, '2026-03-24')).toMatchObject({ dueOn: '2026-05-18', state: 'upcoming' });
  });

  it('is met by approval, and does not apply to other routes, without a placement date, or once closed', () => {
    expect(clock(facts({ stage: 'approved', approvedAt: on('2026-03-20') }), '2026-03-24')).toMatchObject({
      state: 'met',
      metOn: '2026-03-20',
      late: false,
    });
    expect(clock(facts({ route: 'mainstream', placedOn: null }), '2026-03-24').state).toBe('not_applicable');
    expect(clock(facts({ placedOn: null }), '2026-03-24').state).toBe('not_applicable');
    expect(clock(facts({ stage: 'closed' }), '2026-03-24').state).toBe('not_applicable');
  });
});
