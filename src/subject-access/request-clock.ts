/**
 * The statutory clocks of data requests. Pure functions over a working-day calendar
 * (src/calendar/), so the rules can be read, and tested with hand-computed dates, in one place.
 */
import { addMonths, compareDates, daysBetween, type IsoDate } from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import type { DataRequestKind, DataRequestStatus } from './data-requests.table.ts';

/** Working days a transfer-out pack has (Fostering Services (England) Regulations 2011, reg. 32). */
export const TRANSFER_OUT_WORKING_DAYS = 15;

/** A request due within this many calendar days is shown as "due soon". */
export const DUE_SOON_DAYS = 7;

/**
 * Subject access (and erasure) is answered within one calendar month of receipt (UK GDPR art. 12(3)).
 * ICO guidance: the corresponding calendar date in the next month, or the month's last day when it
 * has none (31 January → 28 or 29 February); a deadline on a weekend or bank holiday moves to the
 * next working day.
 */
export function subjectAccessDueOn(receivedOn: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  return calendar.addWorkingDays(addMonths(receivedOn, 1), 0);
}

/**
 * A carer's records go to the other fostering service within 15 working days of its request
 * (Fostering Services (England) Regulations 2011, reg. 32; working days exclude weekends and
 * England & Wales bank holidays). Day 1 is the first working day after the request.
 */
export function transferOutDueOn(receivedOn: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  return calendar.addWorkingDays(receivedOn, TRANSFER_OUT_WORKING_DAYS);
}

/** The due date of a request of this kind received on `receivedOn`. */
export function dueOnFor(kind: DataRequestKind, receivedOn: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  return kind === 'transfer_out'
    ? transferOutDueOn(receivedOn, calendar)
    : subjectAccessDueOn(receivedOn, calendar);
}

export type ClockState = 'overdue' | 'due_today' | 'due_soon' | 'on_track' | 'closed';

/** Where an open request stands on `today`: overdue after its due date, due soon within 7 days. */
export function clockState(status: DataRequestStatus, dueOn: IsoDate, today: IsoDate): ClockState {
  if (status !== 'open') return 'closed';
  const order = compareDates(today, dueOn);
  if (order > 0) return 'overdue';
  if (order === 0) return 'due_today';
  return daysBetween(today, dueOn) <= DUE_SOON_DAYS ? 'due_soon' : 'on_track';
}
