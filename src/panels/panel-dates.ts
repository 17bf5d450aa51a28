/** The statutory panel dates (NMS 14), in working days of the administrator-maintained calendar (calendarFor). */
import type { IsoDate } from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';

/** NMS 14: papers to panel members at least 5 working days before the meeting. */
export const PAPERS_WORKING_DAYS_BEFORE = 5;
/** NMS 14: the decision within 7 working days of the decision maker receiving the minutes. */
export const DECISION_WORKING_DAYS = 7;

export const papersDueBy = (calendar: WorkingDayCalendar, meetsOn: IsoDate): IsoDate =>
  calendar.addWorkingDays(meetsOn, -PAPERS_WORKING_DAYS_BEFORE);

export const decisionDueBy = (calendar: WorkingDayCalendar, minutesReceivedOn: IsoDate): IsoDate =>
  calendar.addWorkingDays(minutesReceivedOn, DECISION_WORKING_DAYS);
