import type { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import { transition } from '../pipeline/pipeline.service.ts';
import { stageLabels } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { londonDate, londonToday, startOfLondonDay } from '../calendar/dates.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import { findCaseForUpdate, updateOpenCase } from './panels.repo.ts';
import type { PapersSent, RecordDecision, RecordRecommendation } from './panels.schema.ts';
import { refusalReason } from './panels.service.ts';

/** One household on a panel: papers, the recommendation, the decision maker's decision, withdrawal. */

async function requireCase(db: Db, actor: Actor, panelId: string, caseId: string) {
  const found = await findCaseForUpdate(db, actor.agencyId, panelId, caseId);
  if (!found) throw notFound('Panel case');
  if (found.withdrawnAt) throw new AppError('conflict', 'This household was withdrawn from this panel.');
  if (found.decision) {
    throw new AppError('conflict', 'The decision for this household has already been recorded.');
  }
  return found;
}

export async function recordPapersSent(
  db: Db,
  actor: Actor,
  panelId: string,
  caseId: string,
  input: z.output<typeof PapersSent>,
) {
  return db.transaction(async (tx) => {
    const found = await requireCase(tx, actor, panelId, caseId);
    if (input.papersSentOn > found.meetsOn) {
      throw fieldError(
        'papersSentOn',
        `Papers are sent before the panel meets: enter ${formatDate(found.meetsOn)} or earlier`,
      );
    }
    const updated = await updateOpenCase(tx, actor.agencyId, caseId, { papersSentOn: input.papersSentOn });
    await recordAudit(tx, actor, {
      action: 'panel.papers_sent',
      entityType: 'panel_case',
      entityId: caseId,
      changes: { papersSentOn: { from: found.papersSentOn, to: input.papersSentOn } },
    });
    return updated!;
  });
}

function checkMinutesDate(minutesReceivedOn: string | undefined, meetsOn: string) {
  if (minutesReceivedOn && minutesReceivedOn < meetsOn) {
    throw fieldError(
      'minutesReceivedOn',
      `The minutes are received after the panel meets: enter ${formatDate(meetsOn)} or later`,
    );
  }
}

/** The panel's recommendation, once it has met; it may be corrected until the decision is recorded. */
export async function recordRecommendation(
  db: Db,
  actor: Actor,
  panelId: string,
  caseId: string,
  input: z.output<typeof RecordRecommendation>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const found = await requireCase(tx, actor, panelId, caseId);
    if (found.meetsOn > londonToday(now)) {
      throw new AppError(
        'conflict',
        `The panel meets on ${formatDate(found.meetsOn)}: record its recommendation on or after that day.`,
      );
    }
    checkMinutesDate(input.minutesReceivedOn, found.meetsOn);
    const values = {
      recommendation: input.recommendation,
      ...(input.minutesReceivedOn ? { minutesReceivedOn: input.minutesReceivedOn } : {}),
    };
    const updated = await updateOpenCase(tx, actor.agencyId, caseId, values);
    await recordAudit(tx, actor, {
      action: 'panel.recommendation_recorded',
      entityType: 'panel_case',
      entityId: caseId,
      changes: {
        recommendation: { from: found.recommendation, to: input.recommendation },
        ...(input.minutesReceivedOn
          ? { minutesReceivedOn: { from: found.minutesReceivedOn, to: input.minutesReceivedOn } }
          : {}),
      },
    });
    return updated!;
  });
}

/**
 * The decision maker's decision, which ends the household's time at panel: approved, or closed as
 * refused (see refusalReason). The pipeline event is dated the day of the decision.
 */
export async function recordDecision(
  db: Db,
  actor: Actor,
  panelId: string,
  caseId: string,
  input: z.output<typeof RecordDecision>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const found = await requireCase(tx, actor, panelId, caseId);
    if (!found.recommendation) {
      throw new AppError('conflict', 'Record the panel’s recommendation before the decision.');
    }
    const minutesReceivedOn = found.minutesReceivedOn ?? input.minutesReceivedOn;
    if (!minutesReceivedOn) {
      throw fieldError('minutesReceivedOn', 'Enter the date the decision maker received the panel’s minutes');
    }
    checkMinutesDate(input.minutesReceivedOn, found.meetsOn);
    const decidedOn = input.decidedOn ?? londonToday(now);
    if (decidedOn < minutesReceivedOn) {
      throw fieldError(
        'decidedOn',
        `The decision must be on or after the minutes were received (${formatDate(minutesReceivedOn)})`,
      );
    }
    const enquiry = await findEnquiry(tx, actor.agencyId, found.enquiryId);
    if (!enquiry) throw notFound('Enquiry');
    if (enquiry.stage !== 'panel') {
      throw new AppError(
        'invalid_transition',
        `This household is at "${stageLabels[enquiry.stage]}", not "Panel": check its history.`,
      );
    }
    if (decidedOn < londonDate(enquiry.stageSince)) {
      throw fieldError(
        'decidedOn',
        `The decision must be on or after the household was booked for panel (${formatDate(enquiry.stageSince)})`,
      );
    }
    // The case is decided before the move: a household booked on a panel is approved (or refused)
    // only through its panel's decision (move-rules.ts).
    const updated = await updateOpenCase(tx, actor.agencyId, caseId, {
      decision: input.decision,
      decidedOn,
      minutesReceivedOn,
    });
    if (!updated)
      throw new AppError('conflict', 'The decision for this household has already been recorded.');
    const at = { at: startOfLondonDay(decidedOn), dateOnly: true };
    const reason = input.decision === 'refused' ? refusalReason(found.recommendation) : undefined;
    await transition(tx, actor, found.enquiryId, {
      from: 'panel',
      to: input.decision === 'approved' ? 'approved' : 'closed',
      at,
      ...(reason ? { reason } : {}),
      ...(input.note ? { note: input.note } : {}),
    });
    await recordAudit(tx, actor, {
      action: 'panel.decision_recorded',
      entityType: 'panel_case',
      entityId: caseId,
      changes: {
        decision: { to: input.decision },
        decidedOn: { to: decidedOn },
        ...(found.minutesReceivedOn ? {} : { minutesReceivedOn: { to: minutesReceivedOn } }),
      },
    });
    return { panelCase: updated, reason };
  });
}

/**
 * Takes a household off a panel's agenda (deferred, or not ready) before the panel has made its
 * recommendation, or at any time before the decision once the household has been closed. The
 * pipeline is not touched: a household at "Panel" stays there, to be booked onto another panel or closed.
 */
export async function withdrawCase(db: Db, actor: Actor, panelId: string, caseId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const found = await requireCase(tx, actor, panelId, caseId);
    const enquiry = await findEnquiry(tx, actor.agencyId, found.enquiryId);
    if (found.recommendation && enquiry?.stage === 'panel') {
      throw new AppError(
        'conflict',
        'The panel has already made its recommendation: record the decision maker’s decision instead.',
      );
    }
    const updated = await updateOpenCase(tx, actor.agencyId, caseId, { withdrawnAt: now });
    await recordAudit(tx, actor, {
      action: 'panel.case_withdrawn',
      entityType: 'panel_case',
      entityId: caseId,
      changes: { withdrawnAt: { to: now.toISOString() } },
    });
    return updated!;
  });
}
