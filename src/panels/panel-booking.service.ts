/** Booking households onto panel meetings: the panels open to a household, and the booking itself. */
import { approvalRulesOf } from '../approval-settings/approval-settings.service.ts';
import { outstandingStageOne } from '../assessment-checks/assessment-checks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addMonths, londonDate, londonToday, startOfLondonDay } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import { transition } from '../pipeline/pipeline.service.ts';
import { stageLabels, type Stage } from '../pipeline/stages.ts';
import { can } from '../shared/access.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import {
  casesOfEnquiry,
  countBooked,
  insertCase,
  listPanels,
  lockPanel,
  updateOpenCase,
} from './panels.repo.ts';
import { LIST_LIMIT } from './panels.service.ts';

/** A household is booked for panel from assessment; one already at "Panel" can be booked again (say, after a deferral). */
export const bookableStages: readonly Stage[] = ['assessment', 'panel'];

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
 * While stage 1 checks are outstanding (assessment checklist, issue 18) the booking is refused with
 * the items named, unless a manager gives `checksOverrideReason`: the reason, who and when are kept
 * on the booking and the override is audited (its reason is not: it may name people).
 * Errors: `not_found`; `conflict` (409, field `panelId`, or `checksOverrideReason` with
 * `details.outstanding`); `forbidden` (an override by someone not a manager); `invalid_transition` (409).
 */
export async function bookOntoPanel(
  db: Db,
  actor: Actor,
  enquiryId: string,
  panelId: string,
  now = new Date(),
  options: { checksOverrideReason?: string } = {},
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
    const rules = (await approvalRulesOf(tx, actor.agencyId, [enquiryId], now)).get(enquiryId)!;
    if (rules.route.value === 'decision_maker_only') {
      throw new AppError(
        'invalid_transition',
        'This household applied under the “Decision maker only” approval route: there is no panel, so the decision maker approves or refuses it straight after the assessment.',
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
    const override = await stageOneGuard(tx, actor, enquiryId, options.checksOverrideReason, now);
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
            ...override.columns,
          },
          { includeWithdrawn: true },
        )
      : await insertCase(tx, {
          agencyId: actor.agencyId,
          panelId,
          enquiryId,
          createdAt: now,
          ...override.columns,
        });
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
      changes: {
        panelId: { to: panelId },
        enquiryId: { to: enquiryId },
        ...(override.outstanding
          ? { stageOneOutstanding: { to: override.outstanding }, checksOverride: { to: true } }
          : {}),
      },
    });
    return { panelCase, panel, moved };
  });
}

/**
 * Stage 1 must be complete before panel (docs/assessment.md): every stage 1 item received or marked
 * not needed. Outstanding items refuse the booking (409, named) unless a manager overrides it with a
 * reason. Returns the override's columns for the booking, and how many items it overrode.
 */
async function stageOneGuard(tx: Db, actor: Actor, enquiryId: string, reason: string | undefined, now: Date) {
  const outstanding = await outstandingStageOne(tx, actor.agencyId, enquiryId);
  if (outstanding.length === 0) return { columns: {}, outstanding: 0 };
  if (!reason) {
    const message = `Stage 1 checks are outstanding: ${outstanding.join('; ')}. Record them as received or not needed first${can(actor.role, 'management') ? ', or give a reason to book anyway' : ', or ask a manager to book it with a reason'}.`;
    throw new AppError('conflict', message, {
      issues: [{ path: 'checksOverrideReason', message }],
      details: { outstanding },
    });
  }
  if (!can(actor.role, 'management')) {
    throw new AppError(
      'forbidden',
      'Only a manager can book a household onto a panel with stage 1 checks outstanding.',
    );
  }
  return {
    columns: { checksOverrideReason: reason, checksOverrideBy: actor.userId, checksOverrideAt: now },
    outstanding: outstanding.length,
  };
}

/** A conflict about the chosen panel: a 409 for the API that the booking form shows against the field. */
function panelIssue(code: 'conflict', message: string) {
  return new AppError(code, message, { issues: [{ path: 'panelId', message }] });
}
