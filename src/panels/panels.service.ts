import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import { transition } from '../pipeline/pipeline.service.ts';
import { stageLabels, type CloseReason, type Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { addMonths, londonDate, londonToday, startOfLondonDay } from '../calendar/dates.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import {
  casesOfEnquiry,
  casesOfPanel,
  countBooked,
  findCase,
  findPanel,
  insertCase,
  insertPanel,
  listPanels,
  lockPanel,
  updateOpenCase,
} from './panels.repo.ts';
import { decisionDueBy, papersDueBy } from './panel-dates.ts';
import type { CreatePanelInput } from './panels.schema.ts';

/** A household is booked for panel from assessment; one already at "Panel" can be booked again (say, after a deferral). */
export const bookableStages: readonly Stage[] = ['assessment', 'panel'];

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

/** One household on a panel, with the papers and decision due dates, for the forms that record its steps. */
export async function panelCase(db: Db, actor: Actor, panelId: string, caseId: string) {
  const panel = await requirePanel(db, actor, panelId);
  const found = await findCase(db, actor.agencyId, panelId, caseId);
  if (!found) throw notFound('Panel case');
  const calendar = await calendarFor(db);
  return {
    panel: { ...panel, papersDueBy: papersDueBy(calendar, panel.meetsOn) },
    panelCase: found,
    decisionDueBy: found.minutesReceivedOn ? decisionDueBy(calendar, found.minutesReceivedOn) : null,
  };
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
  const calendar = await calendarFor(db);
  const today = londonToday(now);
  const dueBy = papersDueBy(calendar, panel.meetsOn);
  const hasMet = panel.meetsOn <= today;
  return {
    panel: { ...panel, papersDueBy: dueBy, hasMet, full: panel.booked >= panel.capacity },
    cases: cases
      .filter((c) => !c.withdrawnAt)
      .map((c) => ({
        ...c,
        papersLate: c.papersSentOn ? c.papersSentOn > dueBy : today > dueBy,
        decisionDueBy: c.minutesReceivedOn ? decisionDueBy(calendar, c.minutesReceivedOn) : null,
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
