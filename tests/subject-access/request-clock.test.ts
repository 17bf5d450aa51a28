import { describe, expect, it } from 'vitest';
import { calendarFromList } from '../../src/calendar/calendar.service.ts';
import { bankHolidaysEnglandAndWales } from '../../src/calendar/bank-holidays.ts';
import {
  clockState,
  dueOnFor,
  subjectAccessDueOn,
  transferOutDueOn,
} from '../../src/subject-access/request-clock.ts';

// The bundled England & Wales list, as the service uses until an administrator pastes a newer one.
const calendar = calendarFromList(bankHolidaysEnglandAndWales);

describe('subject access: one calendar month (UK GDPR art. 12(3), ICO guidance)', () => {
  it('is the same date next month, or the last day of a shorter month', () => {
    expect(subjectAccessDueOn('2025-03-14', calendar)).toBe('2025-04-14'); // a Monday
    expect(subjectAccessDueOn('2025-01-31', calendar)).toBe('2025-02-28'); // a Friday
    expect(subjectAccessDueOn('2024-01-31', calendar)).toBe('2024-02-29'); // leap year, a Thursday
  });

  it('moves a deadline on a weekend or bank holiday to the next working day', () => {
    // 28 February 2026 is a Saturday: Monday 2 March.
    expect(subjectAccessDueOn('2026-01-31', calendar)).toBe('2026-03-02');
    // 25 August 2025 is the summer bank holiday (a Monday): Tuesday 26 August.
    expect(subjectAccessDueOn('2025-07-25', calendar)).toBe('2025-08-26');
    // 25 and 26 December 2025 (Thursday, Friday), then a weekend: Monday 29 December.
    expect(subjectAccessDueOn('2025-11-25', calendar)).toBe('2025-12-29');
    expect(dueOnFor('erasure', '2025-07-25', calendar)).toBe('2025-08-26');
  });
});

describe('transfer out: 15 working days (Fostering Services (England) Regulations 2011, reg. 32)', () => {
  it('counts working days across Christmas and New Year', () => {
    // Monday 15 December 2025: 16–19 (4), 22–24 (7), [25, 26 bank holidays], 29–31 (10),
    // [1 January bank holiday], 2 (11), 5–8 (15).
    expect(transferOutDueOn('2025-12-15', calendar)).toBe('2026-01-08');
    expect(dueOnFor('transfer_out', '2025-12-15', calendar)).toBe('2026-01-08');
    // A request on a Saturday: the first working day counted is Monday. 2025-06-07 → 27 June.
    expect(transferOutDueOn('2025-06-07', calendar)).toBe('2025-06-27');
  });
});

describe('clock state on the requests page', () => {
  it('is overdue after the due date, due soon within 7 days, closed when not open', () => {
    expect(clockState('open', '2025-03-10', '2025-03-11')).toBe('overdue');
    expect(clockState('open', '2025-03-10', '2025-03-10')).toBe('due_today');
    expect(clockState('open', '2025-03-10', '2025-03-03')).toBe('due_soon');
    expect(clockState('open', '2025-03-10', '2025-03-02')).toBe('on_track');
    expect(clockState('completed', '2025-03-10', '2025-03-20')).toBe('closed');
  });
});
