/**
 * The statutory and practice deadlines for one household (docs/domain.md §4), worked out from its
 * facts, a working-day calendar and the time now. Pure: no database, no clock of its own.
 *
 * Every due date is a Europe/London calendar date, due "by the end of" that day.
 */
import { temporaryApprovalClock, type Extension } from '../connected-person/temporary-approval.ts';
import type { ContactOutcome, Route } from '../enquiries/enquiry-options.ts';
import { activeStages, type ApprovalRoute, type Stage } from '../pipeline/stages.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  londonDate,
  startOfLondonDay,
  type IsoDate,
} from '../calendar/dates.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import { decisionDueBy, papersDueBy } from '../panels/panel-dates.ts';
import { DEFAULT_STAGE_ONE_MONTHS } from '../assessment-checks/check-types.defaults.ts';
import type { StageChecks } from '../assessment-checks/checklist.ts';
import { DEFAULT_STANDARD_MONTHS } from '../approval-settings/approval-settings.ts';

export * from './deadline-rules.ts';
import {
  deadlineLabels,
  deadlineRules,
  dueSoonWithin,
  qualifyingDeterminations,
  type DeadlineKey,
  type DeadlineState,
} from './deadline-rules.ts';

export interface PanelCaseFacts {
  meetsOn: IsoDate;
  papersSentOn: IsoDate | null;
  recommendation: 'approve' | 'not_approve' | null;
  minutesReceivedOn: IsoDate | null;
  decidedOn: IsoDate | null;
}

export interface HouseholdFacts {
  stage: Stage;
  receivedAt: Date;
  firstContactedAt: Date | null;
  /** Every attempt to reach them, any order. */
  contactAttempts: readonly { at: Date; outcome: ContactOutcome }[];
  /** When the application was received: the latest stage event into `application`. */
  applicationAt: Date | null;
  /** Panel bookings that were not withdrawn. */
  panelCases: readonly PanelCaseFacts[];
  /** The latest stage event into `closed`, if the household is closed. */
  closure: { at: Date; reason: string | null } | null;
  /**
   * The service's approval rules in force when the household applied (src/approval-settings/);
   * absent means today's national ones: panel then decision maker.
   */
  approval?: { route: ApprovalRoute; standardMonths: number; stageOneMonths?: number };
  /**
   * The assessment checklist (src/assessment-checks/), per stage: items, those outstanding (not
   * received, not marked not needed), and the latest day one was received or marked not needed.
   */
  checks?: readonly StageChecks[];
  route: Route;
  /** Family and friends: the reg. 24 placement date, and the one extension if agreed. */
  placedOn: IsoDate | null;
  extension: Extension | null;
  /** The latest stage event into `approved`, if any. */
  approvedAt: Date | null;
}

export interface Deadline {
  key: DeadlineKey;
  label: string;
  rule: string;
  /** The last day, London time; null when the deadline does not apply. */
  dueOn: IsoDate | null;
  state: DeadlineState;
  /** When it was met, if it was. */
  metOn: IsoDate | null;
  /** Met, but after the due date. */
  late: boolean;
  /** Calendar days past the due date (0 unless overdue). */
  daysOverdue: number;
  /** Working days from today to the due date (negative when overdue); null unless open. */
  workingDaysLeft: number | null;
  /** For the record only: never a task (the independent review window is the applicant's). */
  informational: boolean;
}

type Context = { today: IsoDate; calendar: WorkingDayCalendar; active: boolean };

const base = (key: DeadlineKey) => ({
  key,
  label: deadlineLabels[key],
  rule: deadlineRules[key],
  metOn: null,
  late: false,
  daysOverdue: 0,
  workingDaysLeft: null,
  informational: key === 'independent_review',
});

const notApplicable = (key: DeadlineKey): Deadline => ({
  ...base(key),
  dueOn: null,
  state: 'not_applicable',
});

const met = (key: DeadlineKey, dueOn: IsoDate, metOn: IsoDate): Deadline => ({
  ...base(key),
  dueOn,
  state: 'met',
  metOn,
  late: metOn > dueOn,
});

/**
 * A deadline not yet met. It only matters while the household is moving through the pipeline: once
 * it is closed or approved there is nothing left to do about it.
 */
function open(key: Exclude<DeadlineKey, 'independent_review'>, dueOn: IsoDate, ctx: Context): Deadline {
  if (!ctx.active) return notApplicable(key);
  const workingDaysLeft = ctx.calendar.workingDaysBetween(ctx.today, dueOn);
  const state: DeadlineState =
    ctx.today > dueOn ? 'overdue' : workingDaysLeft <= dueSoonWithin[key] ? 'due_soon' : 'upcoming';
  return {
    ...base(key),
    dueOn,
    state,
    daysOverdue: state === 'overdue' ? daysBetween(dueOn, ctx.today) : 0,
    workingDaysLeft,
  };
}

/** Due by the end of the working day after the day the enquiry arrived (as first-contact.ts). */
export const firstContactDueOn = (receivedAt: Date, calendar: WorkingDayCalendar): IsoDate =>
  calendar.addWorkingDays(londonDate(receivedAt), 1);

function firstContact(f: HouseholdFacts, ctx: Context): Deadline {
  const dueOn = firstContactDueOn(f.receivedAt, ctx.calendar);
  const firstAttempt = [...f.contactAttempts].sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  const contactedAt = f.firstContactedAt ?? firstAttempt?.at ?? null;
  if (contactedAt) return met('first_contact', dueOn, londonDate(contactedAt));
  // A household that moved on without a recorded attempt was evidently reached.
  if (f.stage !== 'enquiry') return notApplicable('first_contact');
  return open('first_contact', dueOn, ctx);
}

/**
 * Chosen rule (docs/domain.md §4; the practice standard only says "at least twice before closing"): when
 * the first attempt did not reach them (no answer, message left, email sent), a second attempt is due by
 * the end of the second working day after it, while the household is still a new enquiry. Any later
 * attempt meets it.
 */
function secondContact(f: HouseholdFacts, ctx: Context): Deadline {
  const [first, second] = [...f.contactAttempts].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (!first || first.outcome === 'reached') return notApplicable('second_contact');
  const dueOn = ctx.calendar.addWorkingDays(londonDate(first.at), 2);
  if (second) return met('second_contact', dueOn, londonDate(second.at));
  if (f.stage !== 'enquiry') return notApplicable('second_contact');
  return open('second_contact', dueOn, ctx);
}

/** Panel bookings for the current application (a reopened household's old bookings do not count). */
function casesForApplication(f: HouseholdFacts): PanelCaseFacts[] {
  const since = f.applicationAt ? londonDate(f.applicationAt) : null;
  return f.panelCases
    .filter((c) => since === null || c.meetsOn >= since)
    .sort((a, b) => (a.meetsOn < b.meetsOn ? -1 : a.meetsOn > b.meetsOn ? 1 : 0));
}

/**
 * Eight calendar months from the day the application was received, same day of the month (or the
 * month's last day). Calendar months are not moved to a working day. Met by the panel meeting that
 * made a recommendation.
 */
function panelRecommendation(f: HouseholdFacts, cases: PanelCaseFacts[], ctx: Context): Deadline {
  if (!f.applicationAt || noPanel(f)) return notApplicable('panel_recommendation');
  const dueOn = addMonths(londonDate(f.applicationAt), 8);
  const recommended = cases.find((c) => c.recommendation !== null);
  if (recommended) return met('panel_recommendation', dueOn, recommended.meetsOn);
  const inAssessment = ['application', 'assessment', 'panel'].includes(f.stage);
  return inAssessment ? open('panel_recommendation', dueOn, ctx) : notApplicable('panel_recommendation');
}

/**
 * For the latest panel booking: papers sent on or before the 5th working day before the meeting
 * leave 5 whole working days for members to read them. Once the panel has recommended, papers not
 * recorded as sent are no longer actionable.
 */
function panelPapers(current: PanelCaseFacts | undefined, ctx: Context): Deadline {
  if (!current) return notApplicable('panel_papers');
  const dueOn = papersDueBy(ctx.calendar, current.meetsOn);
  if (current.papersSentOn) return met('panel_papers', dueOn, current.papersSentOn);
  if (current.recommendation !== null) return notApplicable('panel_papers');
  return open('panel_papers', dueOn, ctx);
}

/** 7 working days from the day the decision maker received the minutes. */
function decision(f: HouseholdFacts, current: PanelCaseFacts | undefined, ctx: Context): Deadline {
  if (!current?.minutesReceivedOn) return notApplicable('decision');
  const dueOn = decisionDueBy(ctx.calendar, current.minutesReceivedOn);
  if (current.decidedOn) return met('decision', dueOn, current.decidedOn);
  // Left the panel stage (decided through the pipeline, or withdrew): nothing left to decide here.
  if (f.stage !== 'panel') return notApplicable('decision');
  return open('decision', dueOn, ctx);
}

const noPanel = (f: HouseholdFacts) => f.approval?.route === 'decision_maker_only';

/**
 * With no panel (the "Decision maker only" route), the decision is due within the timeliness
 * standard in force when the household applied: that many calendar months from the day the
 * application was received (same day of the month, or the month's last day). Met by the approval,
 * or by a refusal, made since the application.
 */
function standardDecision(f: HouseholdFacts, ctx: Context): Deadline {
  if (!f.applicationAt || !f.approval || !noPanel(f)) return notApplicable('standard_decision');
  const dueOn = addMonths(londonDate(f.applicationAt), f.approval.standardMonths);
  const refusedAt = f.closure?.reason === 'refused' ? f.closure.at : null;
  const decidedAt = [f.approvedAt ?? null, refusedAt].find((at) => at && at >= f.applicationAt!);
  const rule = `The decision maker decides within ${f.approval.standardMonths} months of receiving the application (the service’s timeliness standard when the household applied; no panel)`;
  if (decidedAt) return { ...met('standard_decision', dueOn, londonDate(decidedAt)), rule };
  return { ...open('standard_decision', dueOn, ctx), rule };
}

/**
 * 28 calendar days from the London date the household was closed as not recommended or refused.
 * Informational: 'upcoming' while the window is open, 'met' once it has run.
 */
function independentReview(f: HouseholdFacts, ctx: Context): Deadline {
  const qualifying =
    f.stage === 'closed' && f.closure && qualifyingDeterminations.includes(f.closure.reason ?? '');
  if (!qualifying) return notApplicable('independent_review');
  const determinedOn = londonDate(f.closure!.at);
  const dueOn = addDays(determinedOn, 28);
  if (ctx.today > dueOn) return met('independent_review', dueOn, dueOn);
  return { ...base('independent_review'), dueOn, state: 'upcoming' };
}

/**
 * A connected person's temporary approval: 16 calendar weeks from the placement (plus the extension
 * if agreed), never moved for weekends or bank holidays (src/connected-person/temporary-approval.ts).
 * Met by the decision to approve them as a foster carer; ends with the household otherwise.
 */
function temporaryApproval(f: HouseholdFacts, ctx: Context): Deadline {
  if (f.route !== 'family_and_friends' || !f.placedOn) return notApplicable('temporary_approval');
  const { endsOn } = temporaryApprovalClock(f.placedOn, f.extension, ctx.today);
  if (f.approvedAt) return met('temporary_approval', endsOn, londonDate(f.approvedAt));
  return open('temporary_approval', endsOn, ctx);
}

/**
 * A stage of the assessment checklist: due months after the application (stage 1: the service's
 * stage 1 period; stage 2: its timeliness standard), met the day its last item was received or
 * marked not needed. Only with items at that stage, in application, assessment or panel.
 */
function assessmentStage(f: HouseholdFacts, stage: 1 | 2, ctx: Context): Deadline {
  const key = stage === 1 ? 'stage_one_checks' : 'stage_two_assessment';
  const checks = f.checks?.find((c) => c.stage === stage);
  if (!f.applicationAt || !checks || checks.total === 0) return notApplicable(key);
  const months = stage === 1 ? f.approval?.stageOneMonths : f.approval?.standardMonths;
  const fallback = stage === 1 ? DEFAULT_STAGE_ONE_MONTHS : DEFAULT_STANDARD_MONTHS;
  const dueOn = addMonths(londonDate(f.applicationAt), months ?? fallback);
  if (checks.outstanding === 0) return met(key, dueOn, checks.lastDoneOn ?? dueOn);
  const inAssessment = ['application', 'assessment', 'panel'].includes(f.stage);
  return inAssessment ? open(key, dueOn, ctx) : notApplicable(key);
}

/** Every deadline, in a fixed order, each with its state; those that do not apply say so. */
export function deadlinesFor(facts: HouseholdFacts, calendar: WorkingDayCalendar, now: Date): Deadline[] {
  const ctx: Context = {
    today: londonDate(now),
    calendar,
    active: (activeStages as readonly Stage[]).includes(facts.stage),
  };
  const cases = casesForApplication(facts);
  const current = cases.at(-1);
  return [
    firstContact(facts, ctx),
    secondContact(facts, ctx),
    panelRecommendation(facts, cases, ctx),
    panelPapers(current, ctx),
    decision(facts, current, ctx),
    standardDecision(facts, ctx),
    independentReview(facts, ctx),
    temporaryApproval(facts, ctx),
    assessmentStage(facts, 1, ctx),
    assessmentStage(facts, 2, ctx),
  ];
}

export const applicable = (deadlines: readonly Deadline[]) =>
  deadlines.filter((d) => d.state !== 'not_applicable');

export const atRisk = (d: Deadline) => !d.informational && (d.state === 'overdue' || d.state === 'due_soon');

/** A London date that is due "by the end of" as an instant: the midnight after it. */
export const endOfDueDay = (dueOn: IsoDate): Date => startOfLondonDay(addDays(dueOn, 1));
