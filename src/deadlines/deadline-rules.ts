/**
 * Which deadlines a household has, what each is called, the rule behind it with its source, and
 * how early it shows as due soon (docs/domain.md §4). The dates themselves: deadlines.ts.
 */
export const deadlineKeys = [
  'first_contact',
  'second_contact',
  'panel_recommendation',
  'panel_papers',
  'decision',
  'standard_decision',
  'independent_review',
  'temporary_approval',
  'stage_one_checks',
  'stage_two_assessment',
] as const;
export type DeadlineKey = (typeof deadlineKeys)[number];

export type DeadlineState = 'met' | 'overdue' | 'due_soon' | 'upcoming' | 'not_applicable';

export const deadlineLabels: Record<DeadlineKey, string> = {
  first_contact: 'First contact',
  second_contact: 'Second contact attempt',
  panel_recommendation: 'Panel recommendation',
  panel_papers: 'Panel papers sent',
  decision: 'Decision maker’s decision',
  standard_decision: 'Decision (no panel)',
  independent_review: 'Independent review window',
  temporary_approval: 'Connected person temporary approval',
  stage_one_checks: 'Stage 1 checks complete',
  stage_two_assessment: 'Stage 2 assessment complete',
};

/** The rule behind each deadline, in words, with its source. */
export const deadlineRules: Record<DeadlineKey, string> = {
  first_contact: 'Respond within 1 working day of the enquiry (council practice)',
  second_contact:
    'Try again within 2 working days of a first attempt that did not reach them; at least two attempts before closing for no response (council practice)',
  panel_recommendation: 'Panel recommendation within 8 months of receiving the application (NMS 14)',
  panel_papers: 'Papers to panel members at least 5 working days before the meeting (NMS 14)',
  decision: 'Decision within 7 working days of receiving the panel minutes (NMS 14)',
  standard_decision:
    'Without a panel (the “Decision maker only” route), the decision maker decides within the service’s timeliness standard from receiving the application, as in force when the household applied',
  independent_review:
    'The applicant may ask for an Independent Review within 28 days of a qualifying determination (Fostering Services Regulations 2011)',
  temporary_approval:
    'Full assessment, panel and decision within 16 calendar weeks of the placement, extendable once by up to 8 weeks by the nominated officer (Care Planning, Placement and Case Review (England) Regulations 2010, regs 24 and 25)',
  stage_one_checks:
    'Stage 1 (statutory checks and references) complete within the service’s stage 1 period from receiving the application: normally about 2 months (statutory guidance on assessment and approval; docs/assessment.md)',
  stage_two_assessment:
    'Stage 2 (the assessment report) complete within the service’s timeliness standard from receiving the application, as in force when the household applied (8 months today, NMS 14)',
};

/**
 * How close a deadline must be, in working days (today to the due date), to count as due soon.
 * Short clocks are due soon as soon as they start; long ones warn early enough to act (book a
 * panel, chase minutes).
 */
export const dueSoonWithin: Record<Exclude<DeadlineKey, 'independent_review'>, number> = {
  first_contact: 1,
  second_contact: 2,
  panel_recommendation: 20,
  panel_papers: 5,
  decision: 3,
  standard_decision: 20,
  // About four weeks: time to book the panel or ask the nominated officer for the extension.
  temporary_approval: 20,
  // Two weeks: time to chase the checks still out.
  stage_one_checks: 10,
  stage_two_assessment: 20,
};

/** Closing for these reasons is a qualifying determination: the applicant may ask for a review. */
export const qualifyingDeterminations: readonly string[] = ['not_recommended', 'refused'];

/**
 * A hub's offer of a household to a member council (issue 17; src/handoffs/handoff-clock.ts). Not a
 * household deadline: the offer is between two agencies, so it has its own rows on At risk and My
 * work, and the daily sweep times it out.
 */
export const handoffAnswerLabel = 'Council’s answer to a hand-off';
export const handoffAnswerRule =
  'The council accepts or returns the household within the hub’s setting (default 2 working days after the offer); one working day after that, the daily sweep marks the offer timed out and the household stays with the hub (hub practice)';
