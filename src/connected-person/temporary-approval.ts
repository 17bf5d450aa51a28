/**
 * The connected-person clocks: pure date rules, no database.
 *
 * Source: Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959),
 * reg. 24(1) (a relative, friend or other person connected with a looked-after child may be
 * approved as a local authority foster parent for a temporary period not exceeding 16 weeks) and
 * reg. 25 (if the temporary approval "is likely to expire before the full assessment process is
 * completed", the authority "may extend the temporary approval once for a further period of up to
 * eight weeks", reg. 25(1)(a) and (2); the decision "must be approved by a nominated officer",
 * reg. 25(5)). https://www.legislation.gov.uk/uksi/2010/959/regulation/24 and /25
 *
 * The periods are **calendar weeks** counted from the placement date, not working days: weekends
 * and bank holidays neither stop nor move the clock (unlike the first-contact and panel clocks in
 * src/calendar/working-days.ts). An end date that falls on a weekend or bank holiday is shown as it is.
 */
import { addDays, compareDates, daysBetween, type IsoDate } from '../calendar/dates.ts';

export const TEMPORARY_APPROVAL_WEEKS = 16;
export const MAX_EXTENSION_WEEKS = 8;

/**
 * The earliest placement date accepted: the day the 2010 Regulations came into force (1 April 2011),
 * so an older date is a typing mistake rather than a reg. 24 placement.
 */
export const EARLIEST_PLACEMENT_DATE = '2011-04-01';

export type Extension = { weeks: number; agreedOn: IsoDate };

export type TemporaryApprovalClock = {
  placedOn: IsoDate;
  /** placedOn + 16 weeks (112 days): the end of the first period. */
  firstEndsOn: IsoDate;
  /** The end of the approval in force: firstEndsOn, or with the extension's weeks added. */
  endsOn: IsoDate;
  extension: Extension | null;
  /** Whole days from `today` to `endsOn`; negative once it has passed. */
  daysLeft: number;
  /** Whole weeks left (rounded down), for "5 weeks left"; 0 in the last week. */
  weeksLeft: number;
};

/** `date` plus whole calendar weeks (7 days each); never rolled to a working day. */
export const addWeeks = (date: IsoDate, weeks: number): IsoDate => addDays(date, weeks * 7);

/** The 16-week end of a temporary approval that started on `placedOn` (reg. 25). */
export const firstPeriodEnd = (placedOn: IsoDate): IsoDate => addWeeks(placedOn, TEMPORARY_APPROVAL_WEEKS);

/** The clock for a placement on `placedOn`, with its extension if any, as seen on `today`. */
export function temporaryApprovalClock(
  placedOn: IsoDate,
  extension: Extension | null,
  today: IsoDate,
): TemporaryApprovalClock {
  const firstEndsOn = firstPeriodEnd(placedOn);
  const endsOn = extension ? addWeeks(firstEndsOn, extension.weeks) : firstEndsOn;
  const daysLeft = daysBetween(today, endsOn);
  return {
    placedOn,
    firstEndsOn,
    endsOn,
    extension,
    daysLeft,
    weeksLeft: daysLeft > 0 ? Math.floor(daysLeft / 7) : 0,
  };
}

/** "5 weeks left", "3 days left", "ends today", "ended 2 days ago": for the household page. */
export function timeLeftText(clock: Pick<TemporaryApprovalClock, 'daysLeft' | 'weeksLeft'>): string {
  const { daysLeft, weeksLeft } = clock;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (daysLeft < 0) return `ended ${plural(-daysLeft, 'day')} ago`;
  if (daysLeft === 0) return 'ends today';
  if (weeksLeft >= 2) return `${plural(weeksLeft, 'week')} left`;
  return `${plural(daysLeft, 'day')} left`;
}

/**
 * Why an extension agreed on `agreedOn` cannot be recorded, or null if it can. It is agreed while
 * the first period is running (reg. 25 extends an approval that is about to expire, not one that
 * has lapsed), on or after the placement.
 */
export function extensionDateProblem(placedOn: IsoDate, agreedOn: IsoDate): string | null {
  if (compareDates(agreedOn, placedOn) < 0)
    return 'The date the extension was agreed must be on or after the placement date';
  if (compareDates(agreedOn, firstPeriodEnd(placedOn)) > 0)
    return 'The date the extension was agreed must be on or before the day the 16 weeks end: a lapsed temporary approval cannot be extended';
  return null;
}
