import { addDays, londonDate, startOfLondonDay } from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import type { Stage } from '../pipeline/stages.ts';

/**
 * Council practice: respond to a new enquiry within one working day. Due by the end of the next
 * working day after the day it arrived (an enquiry on Friday evening is due by the end of Monday,
 * or Tuesday after a bank holiday Monday).
 */
export function firstContactDue(receivedAt: Date, calendar: WorkingDayCalendar): Date {
  const dueDay = calendar.addWorkingDays(londonDate(receivedAt), 1);
  return startOfLondonDay(addDays(dueDay, 1));
}

/** First-contact status for a tag: done, overdue, or due. */
export function firstContactStatus(
  e: { stage: Stage; firstContactedAt: Date | null; firstContactDueAt: Date },
  now = new Date(),
) {
  if (e.firstContactedAt) return { state: 'done' as const, at: e.firstContactedAt };
  if (e.stage !== 'enquiry') return { state: 'not_needed' as const };
  return {
    state: e.firstContactDueAt < now ? ('overdue' as const) : ('due' as const),
    at: e.firstContactDueAt,
    // Due "by the end of" a working day: the stored instant is the midnight after it.
    dueDay: londonDate(new Date(e.firstContactDueAt.getTime() - 1)),
  };
}
