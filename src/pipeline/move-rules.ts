import { approvalRulesOf } from '../approval-settings/approval-settings.service.ts';
import type { Db } from '../db/client.ts';
import { openCasesOf } from '../panels/panels.repo.ts';
import { formatDate, formatDateTime } from '../shared/format.ts';
import { scheduledVisitsOf } from '../visits/visits.repo.ts';
import { canMove, nextStagesOn, reasonsFor, type ApprovalRoute, type Stage } from './stages.ts';

/**
 * What is booked for a household that decides which moves are open now: the panel meeting it is
 * on (booked, not withdrawn, no decision yet) and the initial visit arranged (not done or cancelled);
 * and the approval route it is on (the service's dated setting in force when it applied), which
 * decides whether the decision maker decides after a panel or straight after the assessment.
 */
export interface BookedWork {
  panel: { caseId: string; panelId: string; meetsOn: string; recommendation: string | null } | null;
  visit: { id: string; scheduledFor: Date } | null;
  route: ApprovalRoute;
}

/** What is booked for each of these households (one query per kind, for lists such as the board). */
export async function bookedWorkOf(db: Db, agencyId: string, enquiryIds: string[]) {
  const [cases, visits, rules] = await Promise.all([
    openCasesOf(db, agencyId, enquiryIds),
    scheduledVisitsOf(db, agencyId, enquiryIds),
    approvalRulesOf(db, agencyId, enquiryIds),
  ]);
  return new Map(
    enquiryIds.map((id): [string, BookedWork] => {
      const open = cases.find((c) => c.enquiryId === id);
      const visit = visits.find((v) => v.enquiryId === id);
      return [
        id,
        {
          panel: open
            ? {
                caseId: open.id,
                panelId: open.panelId,
                meetsOn: open.meetsOn,
                recommendation: open.recommendation,
              }
            : null,
          visit: visit ? { id: visit.id, scheduledFor: visit.scheduledFor } : null,
          route: rules.get(id)!.route.value,
        },
      ];
    }),
  );
}

export async function bookedWork(db: Db, agencyId: string, enquiryId: string): Promise<BookedWork> {
  return (await bookedWorkOf(db, agencyId, [enquiryId])).get(enquiryId)!;
}

/** Close reasons that are the panel's recommendation or the decision maker's decision. */
const decisionReasons: readonly string[] = ['not_recommended', 'refused'];

/**
 * Why a move the state machine allows is not open now, or null when it is.
 * - Approval (and refusal) is the decision maker's decision: a household booked on a panel meeting
 *   gets it only through that panel's recommendation and decision (NMS 14; Fostering Services
 *   (England) Regulations 2011, reg. 27), never dated before the panel met. With no panel meeting
 *   booked (late entry of history, the API), the move itself records the decision.
 * - A household with an initial visit arranged moves to "Initial visit" by recording that visit as
 *   done (dated when it happened), not by a move dated today before the visit takes place.
 */
export function moveBlockedBy(from: Stage, to: Stage, reason: string | undefined, booked: BookedWork) {
  if (
    booked.panel &&
    (to === 'approved' || (to === 'closed' && reason && decisionReasons.includes(reason)))
  ) {
    return `This household is booked for the panel on ${formatDate(booked.panel.meetsOn)}: record the panel’s recommendation and the decision maker’s decision on that panel (or withdraw it from the panel first).`;
  }
  if (booked.visit && from === 'enquiry' && to === 'initial_visit') {
    return `An initial visit is arranged for ${formatDateTime(booked.visit.scheduledFor)}: record that visit as done once it has happened, or change or cancel it first.`;
  }
  return null;
}

/** The reasons that may be given now for a move (reasonsFor, less those the booked work decides). */
export function reasonsNow(from: Stage, to: Stage, booked: BookedWork): Record<string, string> {
  return Object.fromEntries(
    Object.entries(reasonsFor(from, to, booked.route)).filter(
      ([code]) => !moveBlockedBy(from, to, code, booked),
    ),
  );
}

/**
 * Whether a move can be made now: allowed by the state machine, not blocked by booked work, and,
 * for moves that need a reason, with at least one reason left to give.
 */
export function canMoveNow(from: Stage, to: Stage, booked: BookedWork) {
  if (!canMove(from, to, booked.route)) return false;
  if (to === 'closed' || to === 'deregistered') return Object.keys(reasonsNow(from, to, booked)).length > 0;
  return !moveBlockedBy(from, to, undefined, booked);
}

/** The moves open now from a stage, in the state machine's order. */
export const movesNow = (from: Stage, booked: BookedWork) =>
  nextStagesOn(from, booked.route).filter((to) => canMoveNow(from, to, booked));
