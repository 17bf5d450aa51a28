/**
 * The hand-off clock (issue 17): when a council's answer to a hub's offer is due, when an offer is
 * due soon or overdue, and when it times out. Pure: no database, no clock of its own.
 *
 * Chosen rule (the issue says "within a clock, default 2 working days"): the answer is due by the
 * end of the Nth working day after the day of the offer (Europe/London, England and Wales bank
 * holidays excluded), as the first-contact clock counts. An offer past its due day is overdue and
 * shows on both agencies' At risk and My work for one more working day (the grace), so someone can
 * still answer or chase it; the daily deadline sweep then marks it timed out (from the end of the
 * grace day on). The household stays with the hub, which may offer it again.
 */
import { addDays, londonDate, startOfLondonDay, type IsoDate } from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';

/** Working days an overdue offer stays open (on the At risk lists) before the sweep times it out. */
export const GRACE_WORKING_DAYS = 1;

/** "By the end of" a London date, as an instant: the midnight after it. */
const endOf = (day: IsoDate): Date => startOfLondonDay(addDays(day, 1));

/** The instant the answer is due: the end of the `workingDays`th working day after the offer's day. */
export const answerDueAt = (offeredAt: Date, workingDays: number, calendar: WorkingDayCalendar): Date =>
  endOf(calendar.addWorkingDays(londonDate(offeredAt), workingDays));

/** The London day the answer is due by the end of. */
export const dueDay = (dueAt: Date): IsoDate => londonDate(new Date(dueAt.getTime() - 1));

/** When an unanswered offer times out: the end of the grace working day(s) after its due day. */
export const timesOutAt = (dueAt: Date, calendar: WorkingDayCalendar): Date =>
  endOf(calendar.addWorkingDays(dueDay(dueAt), GRACE_WORKING_DAYS));

export type OfferState = 'due_soon' | 'overdue';

/**
 * An open offer is always due soon (the clock is a couple of days, like first contact) until its
 * due day has ended, then overdue.
 */
export const offerState = (dueAt: Date, now: Date): OfferState => (now >= dueAt ? 'overdue' : 'due_soon');
