/**
 * The recruitment pipeline: every stage, every allowed move, and every reason code, in one place.
 * Services and pages read the rules from here; nothing else decides what may follow what.
 */

export const stages = [
  'enquiry',
  'initial_visit',
  'application',
  'assessment',
  'panel',
  'approved',
  'deregistered',
  'closed',
] as const;
export type Stage = (typeof stages)[number];

export const nextStages = {
  enquiry: ['initial_visit', 'closed'],
  initial_visit: ['application', 'closed'],
  application: ['assessment', 'closed'],
  assessment: ['panel', 'closed'],
  panel: ['approved', 'closed'],
  approved: ['deregistered'],
  deregistered: [],
  closed: ['enquiry'], // reopening is a new event, never an edit of the old ones
} as const satisfies Record<Stage, readonly Stage[]>;

/**
 * How the service decides an approval. A dated setting of each service (src/approval-settings/): a
 * household keeps the route in force on the day it applied.
 * - `panel_then_decision_maker`: the fostering panel recommends and the agency decision maker
 *   decides (Fostering Services (England) Regulations 2011, regs. 25–27; NMS 14). Today's law, and
 *   the route of every household until a service records a change.
 * - `decision_maker_only`: the decision maker decides straight after the assessment, with no panel
 *   (the DfE's February 2026 fostering plan consults on removing panels from approval).
 */
export const approvalRoutes = ['panel_then_decision_maker', 'decision_maker_only'] as const;
export type ApprovalRoute = (typeof approvalRoutes)[number];
export const DEFAULT_APPROVAL_ROUTE: ApprovalRoute = 'panel_then_decision_maker';

export const approvalRouteLabels: Record<ApprovalRoute, string> = {
  panel_then_decision_maker: 'Panel recommendation then decision maker',
  decision_maker_only: 'Decision maker only',
};

/** The moves that differ without a panel: the decision maker approves or refuses from assessment. */
const decisionMakerOnlyMoves: Partial<Record<Stage, readonly Stage[]>> = {
  assessment: ['approved', 'closed'],
};

/** The stages that may follow `from` for a household on this approval route (nextStages for today's). */
export const nextStagesOn = (from: Stage, route: ApprovalRoute = DEFAULT_APPROVAL_ROUTE): readonly Stage[] =>
  (route === 'decision_maker_only' ? decisionMakerOnlyMoves[from] : undefined) ?? nextStages[from];

export const stageLabels: Record<Stage, string> = {
  enquiry: 'Enquiry',
  initial_visit: 'Initial visit',
  application: 'Application',
  assessment: 'Assessment',
  panel: 'Panel',
  approved: 'Approved',
  deregistered: 'Deregistered',
  closed: 'Closed',
};

/** What a move is called on a button: "Record initial visit", "Close", "Reopen". */
export const moveLabels: Record<Stage, string> = {
  enquiry: 'Reopen enquiry',
  initial_visit: 'Record initial visit',
  application: 'Record application received',
  assessment: 'Start assessment',
  panel: 'Book for panel',
  approved: 'Record approval',
  deregistered: 'Record deregistration',
  closed: 'Close',
};

/** Stages a household is actively moving through (the pipeline board's columns). */
export const activeStages = ['enquiry', 'initial_visit', 'application', 'assessment', 'panel'] as const;

/** "In assessment" for reports: from application received until the decision. */
export const inAssessmentStages = ['application', 'assessment', 'panel'] as const satisfies readonly Stage[];

/**
 * Reasons for closing before approval: Ofsted's withdrawal codes, in Ofsted's exact wording (its
 * annual fostering data collection, 2023–24 onwards), wherever a code is chosen or shown; then the
 * service's own decisions.
 */
export const closeReasons = {
  AW1: 'Fostering was not as the applicant expected',
  AW2: 'Assessment process was not as the applicant expected',
  AW3: 'Household circumstances changed during the assessment (other than for financial reasons)',
  AW4: 'Applicant was unable to continue the process for financial reasons',
  AW5: 'Applicant was concerned about the risk of allegations',
  AW0: 'Other reason/unknown reason',
  no_response: 'No response after at least two contact attempts',
  not_suitable: 'Not suitable (initial visit or stage 1 checks)',
  not_recommended: 'Not recommended by panel',
  refused: 'Refused by the decision maker',
} as const;
export type CloseReason = keyof typeof closeReasons;

/** Reasons for leaving after approval. `standards_of_care` is safeguarding information: managers only. */
export const deregistrationReasons = {
  retired: 'Retired',
  ill_health: 'Ill health',
  standards_of_care: 'Approval ended: standards of care concerns',
  moved: 'Moved away',
  transferred_out: 'Transferred to another agency',
  other: 'Other',
} as const;
export type DeregistrationReason = keyof typeof deregistrationReasons;

export const restrictedReasons: readonly string[] = ['standards_of_care'];

/** Some reasons only make sense from particular stages. */
const closeReasonStages: Partial<Record<CloseReason, readonly Stage[]>> = {
  no_response: ['enquiry', 'initial_visit'],
  not_recommended: ['panel'],
  refused: ['panel'],
};

/** Minimum contact attempts before an enquiry may be closed for no response (council practice standard). */
export const NO_RESPONSE_MIN_ATTEMPTS = 2;

export type Reason = CloseReason | DeregistrationReason;

/** Whether the state machine allows a move, on the household's approval route (today's by default). */
export function canMove(from: Stage, to: Stage, route: ApprovalRoute = DEFAULT_APPROVAL_ROUTE) {
  return nextStagesOn(from, route).includes(to);
}

/** Without a panel, the decision maker's refusal closes a household straight from assessment. */
const closeReasonAllowed = (code: CloseReason, from: Stage, route: ApprovalRoute) =>
  (route === 'decision_maker_only' && code === 'refused' && from === 'assessment') ||
  (closeReasonStages[code]?.includes(from) ?? true);

/** The reasons that may be given for a move; empty when the move takes no reason. */
export function reasonsFor(
  from: Stage,
  to: Stage,
  route: ApprovalRoute = DEFAULT_APPROVAL_ROUTE,
): Record<string, string> {
  if (to === 'closed') {
    return Object.fromEntries(
      Object.entries(closeReasons).filter(([code]) => closeReasonAllowed(code as CloseReason, from, route)),
    );
  }
  if (to === 'deregistered') return { ...deregistrationReasons };
  return {};
}

export const needsReason = (to: Stage) => to === 'closed' || to === 'deregistered';

export const reasonLabel = (code: string | null | undefined) =>
  code
    ? ((closeReasons as Record<string, string>)[code] ??
      (deregistrationReasons as Record<string, string>)[code] ??
      code)
    : '';
