import { generateChecklist } from '../assessment-checks/assessment-checks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { leaveNurturePool, nurtureStages } from '../nurture/nurture-membership.ts';
import type { Db } from '../db/client.ts';
import { queueStageFollowUp } from '../follow-ups/follow-ups.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { can } from '../shared/access.ts';
import { resolveEventTime } from './event-time.ts';
import { bookedWork, moveBlockedBy } from './move-rules.ts';
import type { TransitionInput } from './pipeline.schema.ts';
import { countContactAttempts, currentStage, insertStageEvent, moveStage } from './pipeline.repo.ts';
import {
  approvalRouteLabels,
  canMove,
  needsReason,
  nextStagesOn,
  NO_RESPONSE_MIN_ATTEMPTS,
  reasonsFor,
  restrictedReasons,
  stageLabels,
  type ApprovalRoute,
  type Stage,
} from './stages.ts';

/**
 * Moves a household to its next stage, recording the event with the date it happened. The rules
 * come from stages.ts and, for what is booked (a panel meeting, an initial visit), move-rules.ts;
 * the write is guarded so that of two concurrent moves exactly one wins.
 * Errors: `not_found`, `invalid_transition` (409), `validation` (422, field `at` or `reason`).
 */
export async function transition(db: Db, actor: Actor, enquiryId: string, input: TransitionInput) {
  return db.transaction(async (tx) => {
    const enquiry = await currentStage(tx, actor.agencyId, enquiryId);
    if (!enquiry) throw notFound('Enquiry');
    const from = enquiry.stage;
    const to = input.to;
    if (input.from && input.from !== from) {
      throw new AppError(
        'invalid_transition',
        `This household has moved on to "${stageLabels[from]}" since you looked. Check its history.`,
        {
          details: { from, to, expected: input.from },
        },
      );
    }
    const booked = await bookedWork(tx, actor.agencyId, enquiryId);
    if (!canMove(from, to, booked.route)) {
      throw new AppError('invalid_transition', notAllowedMessage(from, to, booked.route), {
        details: { from, to, allowed: nextStagesOn(from, booked.route), approvalRoute: booked.route },
      });
    }
    const blocked = moveBlockedBy(from, to, input.reason, booked);
    if (blocked) throw new AppError('invalid_transition', blocked, { details: { from, to } });
    await checkReason(tx, actor, enquiryId, from, input, booked.route);
    const at = resolveEventTime(input.at, enquiry.stageSince);

    const moved = await moveStage(tx, {
      agencyId: actor.agencyId,
      id: enquiryId,
      from,
      version: enquiry.version,
      to,
      at,
    });
    if (!moved) {
      throw new AppError(
        'invalid_transition',
        'Someone else has just moved this household. Check its history and try again.',
        {
          details: { from, to },
        },
      );
    }
    await insertStageEvent(tx, {
      agencyId: actor.agencyId,
      enquiryId,
      fromStage: from,
      stage: to,
      at,
      reason: input.reason ?? null,
      note: input.note ?? null,
      recordedBy: actor.userId,
      recordedByLabel: actor.userId ? null : (actor.label ?? 'system'),
    });
    await recordAudit(tx, actor, {
      action: 'enquiry.stage_changed',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: {
        stage: { from, to },
        at: { to: at.toISOString() },
        ...(input.reason ? { reason: { to: input.reason } } : {}),
      },
    });
    // The application received: the assessment checklist is made from the household (issue 18).
    if (to === 'application') await generateChecklist(tx, actor, enquiryId);
    // After the initial visit, application received: the household's email, if the agency sends it.
    await queueStageFollowUp(tx, actor, enquiry, to, at, input.notifyHousehold);
    if (!(nurtureStages as readonly string[]).includes(to))
      await leaveNurturePool(tx, actor, enquiryId, 'moved_on', at);
    return { from, to, at };
  });
}

/** Why the state machine refuses a move, naming the approval route when it is the route that decides. */
function notAllowedMessage(from: Stage, to: Stage, route: ApprovalRoute) {
  if (canMove(from, to)) {
    return `This household applied under the “${approvalRouteLabels[route]}” approval route: there is no panel, so the decision maker approves or refuses it straight after the assessment.`;
  }
  return `A household at "${stageLabels[from]}" cannot move to "${stageLabels[to]}".`;
}

async function checkReason(
  db: Db,
  actor: Actor,
  enquiryId: string,
  from: TransitionInput['to'],
  input: TransitionInput,
  route: ApprovalRoute,
) {
  const allowed = reasonsFor(from, input.to, route);
  if (!needsReason(input.to)) {
    if (input.reason) throw fieldError('reason', 'A reason is only recorded when closing or deregistering');
    return;
  }
  if (!input.reason)
    throw fieldError(
      'reason',
      input.to === 'closed' ? 'Select why the enquiry is closing' : 'Select why the household is leaving',
    );
  if (!(input.reason in allowed)) {
    throw fieldError('reason', `Choose one of: ${Object.keys(allowed).join(', ')}`);
  }
  if (restrictedReasons.includes(input.reason) && !can(actor.role, 'management')) {
    throw new AppError(
      'forbidden',
      'Only a manager can record that approval ended because of standards of care concerns.',
    );
  }
  if (input.reason === 'no_response') {
    const attempts = await countContactAttempts(db, actor.agencyId, enquiryId);
    if (attempts < NO_RESPONSE_MIN_ATTEMPTS) {
      throw fieldError(
        'reason',
        `Try to contact them at least ${NO_RESPONSE_MIN_ATTEMPTS} times before closing for no response (${attempts} recorded so far)`,
      );
    }
  }
}
