import type { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import { transition } from '../pipeline/pipeline.service.ts';
import { stageLabels, type CloseReason, type Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { addMonths, defaultCalendar, londonDate, londonToday, startOfLondonDay } from '../shared/dates.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import {
  casesOfEnquiry,
  casesOfPanel,
  countBooked,
  findCaseForUpdate,
  findPanel,
  insertCase,
  insertPanel,
  listPanels,
  lockPanel,
  updateOpenCase,
} from './panels.repo.ts';
import type { CreatePanelInput, PapersSent, RecordDecision, RecordRecommendation } from './panels.schema.ts';

/** NMS 14: papers to panel members at least 5 working days before the meeting. */
export const PAPERS_WORKING_DAYS_BEFORE = 5;
/** NMS 14: the decision within 7 working days of the decision maker receiving the minutes. */
export const DECISION_WORKING_DAYS = 7;

/** A household is booked for panel from assessment; one already at "Panel" can be booked again (say, after a deferral). */
export const bookableStages: readonly Stage[] = ['assessment', 'panel'];

export const papersDueBy = (meetsOn: string) =>
  defaultCalendar.addWorkingDays(meetsOn, -PAPERS_WORKING_DAYS_BEFORE);
export const decisionDueBy = (minutesReceivedOn: string) =>
  defaultCalendar.addWorkingDays(minutesReceivedOn, DECISION_WORKING_DAYS);

/**
 * The close reason when the decision maker refuses: "not recommended by panel" when they agreed with a
 * panel that did not recommend approval, "refused by the decision maker" when they went against a
 * recommendation to approve. Reports can then tell the two apart.
 */
export const refusalReason = (recommendation: 'approve' | 'not_approve'): CloseReason =>
  recommendation === 'not_approve' ? 'not_recommended' : 'refused';

export async function createPanel(db: Db, actor: Actor, input: CreatePanelInput) {
  return db.transaction(async (tx) => {
    const panel = await insertPanel(tx, {
      agencyId: actor.agencyId,
      meetsOn: input.meetsOn,
      chair: input.chair,
      capacity: input.capacity,
      notes: input.notes ?? null,
    });
    await recordAudit(tx, actor, {
      action: 'panel.created',
      entityType: 'panel',
      entityId: panel.id,
      changes: {
        meetsOn: { to: panel.meetsOn },
        chair: { to: panel.chair },
        capacity: { to: panel.capacity },
      },
    });
    return panel;
  });
}

export async function requirePanel(db: Db, actor: Actor, panelId: string) {
  const panel = await findPanel(db, actor.agencyId, panelId);
  if (!panel) throw notFound('Panel');
  return panel;
}

const LIST_LIMIT = 100;

export async function panelsList(db: Db, actor: Actor, when: 'upcoming' | 'past' | 'all', now = new Date()) {
  const today = londonToday(now);
  const [upcoming, past] = await Promise.all([
    when === 'past' ? [] : listPanels(db, actor.agencyId, { from: today, limit: LIST_LIMIT }),
    when === 'upcoming' ? [] : listPanels(db, actor.agencyId, { before: today, limit: LIST_LIMIT }),
  ]);
  return { upcoming, past, limit: LIST_LIMIT };
}

/** A panel meeting and the households on it, with the statutory dates worked out. */
export async function panelDetail(db: Db, actor: Actor, panelId: string, now = new Date()) {
  const panel = await requirePanel(db, actor, panelId);
  const cases = await casesOfPanel(db, actor.agencyId, panelId);
  const today = londonToday(now);
  const dueBy = papersDueBy(panel.meetsOn);
  const hasMet = panel.meetsOn <= today;
  return {
    panel: { ...panel, papersDueBy: dueBy, hasMet, full: panel.booked >= panel.capacity },
    cases: cases
      .filter((c) => !c.withdrawnAt)
      .map((c) => ({
        ...c,
        papersLate: c.papersSentOn ? c.papersSentOn > dueBy : today > dueBy,
        decisionDueBy: c.minutesReceivedOn ? decisionDueBy(c.minutesReceivedOn) : null,
        canRecommend: hasMet && !c.decision,
        canDecide: !!c.recommendation && !c.decision && c.stage === 'panel',
        // Once the panel has recommended, only a household that has left "Panel" (closed) comes off the agenda.
        canWithdraw: !c.decision && (!c.recommendation || c.stage !== 'panel'),
      })),
    withdrawn: cases.filter((c) => c.withdrawnAt),
  };
}

/** How far back a panel that has met can still have households booked onto it (recorded late). */
export const LATE_BOOKING_MONTHS = 6;

/**
 * Panels a household could be booked onto, soonest first, with the places left: upcoming ones and,
 * for records made late, those that met in the last LATE_BOOKING_MONTHS months. `open` is whether
 * bookOntoPanel would take this household there: a place left, and a panel that has met only if it
 * met on or after the household's last recorded step.
 */
export async function panelChoices(db: Db, actor: Actor, household: { stageSince: Date }, now = new Date()) {
  const today = londonToday(now);
  const lastStep = londonDate(household.stageSince);
  const panels = await listPanels(db, actor.agencyId, {
    from: addMonths(today, -LATE_BOOKING_MONTHS),
    limit: LIST_LIMIT,
  });
  return panels.map((p) => {
    const hasMet = p.meetsOn < today;
    const placesLeft = Math.max(0, p.capacity - p.booked);
    const beforeLastStep = hasMet && p.meetsOn < lastStep;
    return { ...p, hasMet, placesLeft, beforeLastStep, open: placesLeft > 0 && !beforeLastStep };
  });
}

/**
 * Books a household onto a panel meeting. A household in assessment moves to "Panel", dated now, or,
 * for a panel that has already met (a record made late), dated the day it met; one already at
 * "Panel" stays there. A panel that met before the household's last recorded step cannot be chosen
 * (stage events keep their order). The panel row is locked while its places are counted, so two
 * bookings for the last place cannot both succeed.
 * Errors: `not_found`; `conflict` (409, field `panelId`); `invalid_transition` (409).
 */
export async function bookOntoPanel(
  db: Db,
  actor: Actor,
  enquiryId: string,
  panelId: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const panel = await lockPanel(tx, actor.agencyId, panelId);
    if (!panel) throw fieldError('panelId', 'Choose a panel meeting from the list');
    const enquiry = await findEnquiry(tx, actor.agencyId, enquiryId);
    if (!enquiry) throw notFound('Enquiry');
    const hasMet = panel.meetsOn < londonToday(now);
    if (hasMet && panel.meetsOn < londonDate(enquiry.stageSince)) {
      throw panelIssue(
        'conflict',
        `The panel on ${formatDate(panel.meetsOn)} met before this household’s last recorded step (${formatDate(enquiry.stageSince)}). Choose a later panel.`,
      );
    }
    if (!bookableStages.includes(enquiry.stage)) {
      throw new AppError(
        'invalid_transition',
        `Only households in assessment can be booked for panel; this household is at "${stageLabels[enquiry.stage]}".`,
      );
    }
    const existing = await casesOfEnquiry(tx, actor.agencyId, enquiryId);
    const open = existing.find((c) => !c.withdrawnAt && !c.decision);
    if (open) {
      throw panelIssue(
        'conflict',
        `This household is already booked for the panel on ${formatDate(open.meetsOn)}. Withdraw it from that panel first.`,
      );
    }
    const booked = await countBooked(tx, actor.agencyId, panelId);
    if (booked >= panel.capacity) {
      throw panelIssue(
        'conflict',
        `The panel on ${formatDate(panel.meetsOn)} is full (${booked} of ${panel.capacity} places taken). Choose another panel, or withdraw a household from it first.`,
      );
    }

    // Booked onto this panel before and withdrawn: put the same case back on the agenda.
    const previous = existing.find((c) => c.panelId === panelId);
    const panelCase = previous
      ? await updateOpenCase(
          tx,
          actor.agencyId,
          previous.id,
          {
            withdrawnAt: null,
            papersSentOn: null,
            recommendation: null,
            minutesReceivedOn: null,
            createdAt: now,
          },
          { includeWithdrawn: true },
        )
      : await insertCase(tx, { agencyId: actor.agencyId, panelId, enquiryId, createdAt: now });
    if (!panelCase)
      throw new AppError('conflict', 'This booking changed while you were making it. Try again.');

    const moved = enquiry.stage === 'assessment';
    if (moved) {
      await transition(tx, actor, enquiryId, {
        to: 'panel',
        from: 'assessment',
        at: hasMet ? { at: startOfLondonDay(panel.meetsOn), dateOnly: true } : { at: now, dateOnly: false },
      });
    }
    await recordAudit(tx, actor, {
      action: 'panel.case_booked',
      entityType: 'panel_case',
      entityId: panelCase.id,
      changes: { panelId: { to: panelId }, enquiryId: { to: enquiryId } },
    });
    return { panelCase, panel, moved };
  });
}

/** A conflict about the chosen panel: a 409 for the API that the booking form shows against the field. */
function panelIssue(code: 'conflict', message: string) {
  return new AppError(code, message, { issues: [{ path: 'panelId', message }] });
}

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
