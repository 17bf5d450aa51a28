/**
 * Dated approval settings, worked out from their history: which approval route and which timeliness
 * standard are in force on a date, and how a household stands against its standard. Pure: no
 * database, no clock of its own.
 */
import { addMonths, daysBetween, type IsoDate } from '../calendar/dates.ts';
import { DEFAULT_APPROVAL_ROUTE, type ApprovalRoute } from '../pipeline/stages.ts';

export const datedSettings = ['approval_route', 'timeliness_standard'] as const;
export type DatedSetting = (typeof datedSettings)[number];

/** The value type of each setting: a route, or a whole number of calendar months. */
export interface SettingValues {
  approval_route: ApprovalRoute;
  timeliness_standard: number;
}

/**
 * Today's standard: application to approval within 8 months (the National Minimum Standards' 8
 * months from application to panel recommendation, NMS 14, and Ofsted's "within 8 months" of
 * application to approval in its fostering data collection). The DfE's February 2026 fostering plan
 * promises new recruitment timeliness standards: a service records them as dated changes.
 */
export const DEFAULT_STANDARD_MONTHS = 8;

export const defaults: SettingValues = {
  approval_route: DEFAULT_APPROVAL_ROUTE,
  timeliness_standard: DEFAULT_STANDARD_MONTHS,
};

/** One recorded change of a setting, as the history lists it. */
export interface SettingChange<V> {
  id: string;
  value: V;
  previousValue: V;
  effectiveFrom: IsoDate;
  reason: string;
  recordedAt: Date;
  recordedBy: string;
}

/** A value in force, and since when (null: the national default, no change recorded before then). */
export interface InForce<V> {
  value: V;
  since: IsoDate | null;
}

/** Latest effective date first; of two on the same date, the later recorded first. */
export const newestFirst = <V>(a: SettingChange<V>, b: SettingChange<V>) =>
  a.effectiveFrom !== b.effectiveFrom
    ? a.effectiveFrom < b.effectiveFrom
      ? 1
      : -1
    : b.recordedAt.getTime() - a.recordedAt.getTime();

/**
 * The value in force on a date: the change with the latest effective date on or before it (the
 * later recorded of two with that date), else the default.
 */
export function valueOn<V>(changes: readonly SettingChange<V>[], date: IsoDate, fallback: V): InForce<V> {
  const change = [...changes].sort(newestFirst).find((c) => c.effectiveFrom <= date);
  return change ? { value: change.value, since: change.effectiveFrom } : { value: fallback, since: null };
}

/** The first change dated after `date`, if any: it ends the period a change on `date` would govern. */
export const nextChangeAfter = <V>(changes: readonly SettingChange<V>[], date: IsoDate) =>
  [...changes]
    .sort(newestFirst)
    .filter((c) => c.effectiveFrom > date)
    .at(-1);

/**
 * The day by which a household that applied on `applicationOn` should be decided: `months` calendar
 * months later, on the same day of the month, or on the month's last day when that month is shorter
 * (31 August + 6 months = 28 February, or 29 February in a leap year), never rolled into the next
 * month. This is date-fns' `addMonths` rule, done by the service's one calendar module
 * (src/calendar/dates.ts). Calendar months are not moved to a working day.
 */
export const standardDueOn = (applicationOn: IsoDate, months: number): IsoDate =>
  addMonths(applicationOn, months);

/** A number of days in words, in weeks once there are at least 14: "5 days", "3 weeks". */
export function daysInWords(days: number) {
  if (days >= 14) {
    const weeks = Math.floor(days / 7);
    return `${weeks} weeks`;
  }
  return days === 1 ? '1 day' : `${days} days`;
}

export interface StandardProgress {
  dueOn: IsoDate;
  /** 'left' while undecided and not past the date; 'over' past it; 'met' or 'missed' once decided. */
  state: 'left' | 'over' | 'met' | 'missed';
  /** "5 weeks left", "due today", "2 weeks over", "decided 3 days before", "decided 2 weeks after". */
  words: string;
}

/**
 * How a household stands against its standard on `today`: time left or over while it waits, or,
 * once decided (approved or refused) on `decidedOn`, whether that was in time. The due date itself
 * is in time.
 */
export function standardProgress(
  applicationOn: IsoDate,
  months: number,
  today: IsoDate,
  decidedOn: IsoDate | null,
): StandardProgress {
  const dueOn = standardDueOn(applicationOn, months);
  if (decidedOn) {
    const spare = daysBetween(decidedOn, dueOn);
    if (spare === 0) return { dueOn, state: 'met', words: 'decided on the last day' };
    return spare > 0
      ? { dueOn, state: 'met', words: `decided ${daysInWords(spare)} before` }
      : { dueOn, state: 'missed', words: `decided ${daysInWords(-spare)} after` };
  }
  const left = daysBetween(today, dueOn);
  if (left === 0) return { dueOn, state: 'left', words: 'due today' };
  return left > 0
    ? { dueOn, state: 'left', words: `${daysInWords(left)} left` }
    : { dueOn, state: 'over', words: `${daysInWords(-left)} over` };
}
