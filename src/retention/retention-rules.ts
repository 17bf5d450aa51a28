import { addMonths, compareDates, type IsoDate } from '../calendar/dates.ts';
import { activeStages, type Stage } from '../pipeline/stages.ts';
import type { ScheduleRule } from './retention.table.ts';

/**
 * The retention rules, as pure functions over the facts of a household's enquiries.
 *
 * - Fostering Services (England) Regulations 2011, reg. 32(3)(a): records of an approved foster
 *   parent are kept at least 10 years from the end of approval (the deregistration date).
 * - Reg. 32(3)(b): records of a refused or withdrawn application, at least 3 years from the refusal or
 *   withdrawal (the closing date of an enquiry that had reached "application" or later).
 * - UK GDPR Art. 5(1)(e), storage limitation: an enquiry that never became an application has no
 *   statutory minimum; it is kept as long as the service's schedule says (default 3 years) after the
 *   last contact.
 * - Connected-person (family and friends) placements, reg. 32(3)(c): 10 years from the end of the
 *   placement. The route `family_and_friends` arrives with issue 16: it adds a `connected_person`
 *   rule here (its years in `RetentionSchedule`, its facts the placement's end date) and a branch in
 *   `ruleForEnquiry` before the approved-carer one.
 */
export type RetentionRule = ScheduleRule;

/** Years kept after the date each rule counts from: one service's schedule. */
export interface RetentionSchedule {
  approvedCarerYears: number;
  refusedOrWithdrawnYears: number;
  enquiryOnlyYears: number;
}

/** The legal floor of each rule (reg. 32 minimums); enquiries have none but keep at least a year. */
export const minimumYears: Record<ScheduleRule, number> = {
  approved_carer: 10,
  application_refused_or_withdrawn: 3,
  enquiry_only: 1,
};
export const maximumYears = 100;

export const defaultSchedule: RetentionSchedule = {
  approvedCarerYears: 10,
  refusedOrWithdrawnYears: 3,
  enquiryOnlyYears: 3,
};

export const scheduleYears = (schedule: RetentionSchedule, rule: ScheduleRule): number =>
  rule === 'approved_carer'
    ? schedule.approvedCarerYears
    : rule === 'application_refused_or_withdrawn'
      ? schedule.refusedOrWithdrawnYears
      : schedule.enquiryOnlyYears;

export const ruleLabels: Record<RetentionRule, string> = {
  approved_carer: 'Approved foster carer',
  application_refused_or_withdrawn: 'Application refused or withdrawn',
  enquiry_only: 'Enquiry that did not become an application',
};

export const ruleSources: Record<RetentionRule, string> = {
  approved_carer: 'Fostering Services (England) Regulations 2011, reg. 32',
  application_refused_or_withdrawn: 'Fostering Services (England) Regulations 2011, reg. 32',
  enquiry_only: 'UK GDPR Art. 5(1)(e) (storage limitation) and the service’s retention schedule',
};

/** One enquiry's facts, London calendar dates. */
export interface EnquiryRetentionFacts {
  stage: Stage;
  /** Ever had an "approved" stage event. */
  approved: boolean;
  /** Ever reached "application" or a later stage. */
  reachedApplication: boolean;
  /** Latest deregistration (end of approval). */
  deregisteredOn: IsoDate | null;
  /** Latest closure (refusal or withdrawal when it had reached application). */
  closedOn: IsoDate | null;
  /** Last contact (see retention.repo.ts for what counts). */
  lastContactOn: IsoDate;
}

export interface Retention {
  rule: RetentionRule;
  /** The last day the records must be kept; null while the case is active (open, or approved now). */
  keepUntil: IsoDate | null;
  /** The date the period counts from (null while active). */
  countsFrom: IsoDate | null;
  /** Plain English, with the source. */
  basis: string;
}

const isOpen = (stage: Stage) => (activeStages as readonly Stage[]).includes(stage);

/** The rule that applies to one enquiry, and its date. */
export function ruleForEnquiry(facts: EnquiryRetentionFacts, schedule: RetentionSchedule): Retention {
  if (facts.approved) {
    const ended = facts.stage === 'approved' ? null : facts.deregisteredOn;
    return retention('approved_carer', ended, schedule, 'from the end of approval');
  }
  if (facts.reachedApplication) {
    const ended = isOpen(facts.stage) ? null : facts.closedOn;
    return retention('application_refused_or_withdrawn', ended, schedule, 'from the refusal or withdrawal');
  }
  const ended = isOpen(facts.stage) ? null : facts.lastContactOn;
  return retention('enquiry_only', ended, schedule, 'after the last contact');
}

function retention(
  rule: RetentionRule,
  from: IsoDate | null,
  schedule: RetentionSchedule,
  counted: string,
): Retention {
  const years = scheduleYears(schedule, rule);
  const period = `${years} ${years === 1 ? 'year' : 'years'} ${counted}`;
  return {
    rule,
    countsFrom: from,
    keepUntil: from === null ? null : addMonths(from, 12 * years),
    basis:
      from === null
        ? `${ruleSources[rule]}: ${period}; the case is still active, so no date is set yet.`
        : `${ruleSources[rule]}: ${period}.`,
  };
}

/**
 * A household's retention: the rule of whichever of its enquiries keeps it longest (a household
 * that enquires again after a refusal is kept until the later date). Active if any enquiry is.
 * A household with no enquiry at all counts as an enquiry from `createdOn`.
 */
export function retentionRuleFor(
  enquiries: EnquiryRetentionFacts[],
  schedule: RetentionSchedule,
  createdOn: IsoDate,
): Retention {
  const candidates = enquiries.map((facts) => ruleForEnquiry(facts, schedule));
  if (candidates.length === 0)
    return retention('enquiry_only', createdOn, schedule, 'after the last contact');
  const active = candidates.find((c) => c.keepUntil === null);
  if (active) return active;
  return candidates.reduce((latest, c) => (compareDates(c.keepUntil!, latest.keepUntil!) > 0 ? c : latest));
}
