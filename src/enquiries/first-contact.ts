import { addDays, londonDate, startOfLondonDay } from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';

/**
 * Council practice: respond to a new enquiry within one working day. Due by the end of the next
 * working day after the day it arrived (an enquiry on Friday evening is due by the end of Monday,
 * or Tuesday after a bank holiday Monday).
 */
export function firstContactDue(receivedAt: Date, calendar: WorkingDayCalendar): Date {
  const dueDay = calendar.addWorkingDays(londonDate(receivedAt), 1);
  return startOfLondonDay(addDays(dueDay, 1));
}
