/**
 * The hand-off (issue 17, scope 3): a regional hub offers a household to one of its member councils,
 * which accepts it (the household, with its whole history, becomes the council's: the council is then
 * the controller of the record) or returns it with a reason, within a clock the deadline sweep
 * watches (handoff-clock.ts). Every step is audited on both sides with ids only.
 */
import { recordAudit } from '../audit/audit.service.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import type { Db } from '../db/client.ts';
import { activeStages, type Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { answerDueAt } from './handoff-clock.ts';
import { moveHousehold } from './handoff-move.repo.ts';
import { loadHandoffSettings } from './handoff-settings.ts';
import {
  agencyKind,
  decideHandoff,
  enquiryStageForUpdate,
  enquiryAtHub,
  insertHandoff,
  listHandoffs,
  memberCouncils,
  offerToCouncil,
  openOfferFor,
} from './handoffs.repo.ts';
import type { OfferHandoffInput } from './handoffs.schema.ts';
import type { HandoffStatus } from './handoffs.table.ts';

/** A hand-off as the API returns it (no personal data: the household's details come with the list). */
export interface HandoffView {
  id: string;
  enquiryId: string;
  status: HandoffStatus;
  hubId: string;
  councilId: string;
  note: string | null;
  returnReason: string | null;
  offeredAt: string;
  dueAt: string;
  decidedAt: string | null;
}

const view = (h: Awaited<ReturnType<typeof insertHandoff>>): HandoffView => ({
  id: h.id,
  enquiryId: h.enquiryId,
  status: h.status,
  hubId: h.hubId,
  councilId: h.councilId,
  note: h.note,
  returnReason: h.returnReason,
  offeredAt: h.offeredAt.toISOString(),
  dueAt: h.dueAt.toISOString(),
  decidedAt: h.decidedAt?.toISOString() ?? null,
});

/** Audit on one agency's side: the action and the hand-off's id, never a name or a note. */
const audit = (
  db: Db,
  actor: Actor,
  agencyId: string,
  action: string,
  handoffId: string,
  enquiryId: string,
) =>
  recordAudit(
    db,
    { ...actor, agencyId },
    {
      action,
      entityType: 'handoff',
      entityId: handoffId,
      changes: { enquiryId: { to: enquiryId } },
    },
  );

/**
 * Offers the hub's household to a member council. 409 when the actor's agency is not a hub, when an
 * offer is already open, or when the household is closed or approved (nothing left to hand over);
 * 422 when `to` is not one of this hub's member councils; 404 when the enquiry is not the hub's.
 */
export async function offerHandoff(
  db: Db,
  actor: Actor,
  enquiryId: string,
  input: OfferHandoffInput,
  now = new Date(),
): Promise<HandoffView> {
  const agency = await agencyKind(db, actor.agencyId);
  if (agency?.kind !== 'hub') {
    throw new AppError('conflict', 'Only a regional hub offers households to councils.');
  }
  const council = (await memberCouncils(db, actor.agencyId)).find(
    (c) => c.code.toLowerCase() === input.to.toLowerCase(),
  );
  if (!council) throw fieldError('to', 'Select one of this hub’s member councils');
  const { answerWithinWorkingDays } = await loadHandoffSettings(db, actor.agencyId);
  const dueAt = answerDueAt(now, answerWithinWorkingDays, await calendarFor(db));
  return db.transaction(async (tx) => {
    const enquiry = await enquiryAtHub(tx, actor.agencyId, enquiryId);
    if (!enquiry) throw notFound('Enquiry');
    if (!(activeStages as readonly Stage[]).includes(enquiry.stage)) {
      throw new AppError('conflict', 'A closed or approved household cannot be offered to a council.');
    }
    if (await openOfferFor(tx, enquiryId)) {
      throw new AppError('conflict', 'This household has already been offered to a council.');
    }
    const row = await insertHandoff(tx, {
      enquiryId,
      hubId: actor.agencyId,
      councilId: council.id,
      note: input.note ? input.note : null,
      offeredAt: now,
      offeredBy: actor.userId,
      dueAt,
    });
    await audit(tx, actor, actor.agencyId, 'handoff.offered', row.id, enquiryId);
    await audit(tx, actor, council.id, 'handoff.offered', row.id, enquiryId);
    return view(row);
  });
}

/** The open offer to the actor's council, locked; 404 for anyone else's, 409 once it is answered. */
async function openOfferToActor(tx: Db, actor: Actor, id: string) {
  const offer = await offerToCouncil(tx, actor.agencyId, id);
  if (!offer) throw notFound('Hand-off');
  if (offer.status !== 'offered') {
    throw new AppError('conflict', 'This offer has already been answered or has timed out.');
  }
  return offer;
}

/**
 * The council accepts: in one transaction, every row of the household moves to the council (same
 * enquiry id, history with its original dates, received date and campaign), the enquiry is marked
 * handed off and its hub officer unassigned; both agencies' report days are marked for recomputing.
 * Returns the hand-off and the days' agencies, for the caller to ask the roll-ups to catch up.
 */
export async function acceptHandoff(db: Db, actor: Actor, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const offer = await openOfferToActor(tx, actor, id);
    // The hub may have closed the household after offering it: nothing is left to take on.
    const stage = await enquiryStageForUpdate(tx, offer.enquiryId);
    if (!stage || !(activeStages as readonly Stage[]).includes(stage)) {
      throw new AppError(
        'conflict',
        'The hub has closed this household since offering it, so it cannot be accepted. Return it to the hub.',
      );
    }
    const decided = await decideHandoff(tx, id, {
      status: 'accepted',
      decidedAt: now,
      decidedBy: actor.userId,
    });
    if (!decided) throw new AppError('conflict', 'This offer has already been answered or has timed out.');
    const moved = await moveHousehold(tx, offer.enquiryId, offer.hubId, offer.councilId, now);
    if (moved.length === 0) throw new AppError('conflict', 'The hub no longer holds this household.');
    await audit(tx, actor, offer.councilId, 'handoff.accepted', id, offer.enquiryId);
    await audit(tx, actor, offer.hubId, 'handoff.accepted', id, offer.enquiryId);
    return view(decided);
  });
}

/** The council returns the household to the hub with a reason (required), which the hub sees. */
export async function returnHandoff(db: Db, actor: Actor, id: string, reason: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const offer = await openOfferToActor(tx, actor, id);
    const decided = await decideHandoff(tx, id, {
      status: 'returned',
      decidedAt: now,
      decidedBy: actor.userId,
      returnReason: reason,
    });
    if (!decided) throw new AppError('conflict', 'This offer has already been answered or has timed out.');
    await audit(tx, actor, offer.councilId, 'handoff.returned', id, offer.enquiryId);
    await audit(tx, actor, offer.hubId, 'handoff.returned', id, offer.enquiryId);
    return view(decided);
  });
}

/** One row of a hand-off list, camel-cased; the household's fields are null where not visible. */
export async function handoffList(
  db: Db,
  actor: Actor,
  filter: { status?: HandoffStatus; enquiryId?: string; limit?: number } = {},
) {
  const found = await listHandoffs(db, actor.agencyId, { ...filter, limit: filter.limit ?? 500 });
  return found.map((r) => ({
    id: r.id,
    enquiryId: r.enquiry_id,
    status: r.status,
    hub: r.hub_name,
    council: r.council_name,
    councilCode: r.council_code,
    offeredAt: new Date(r.offered_at).toISOString(),
    dueAt: new Date(r.due_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    note: r.note,
    returnReason: r.return_reason,
    household:
      r.names === null && r.stage === null
        ? null
        : {
            names: r.names,
            postcode: r.postcode,
            stage: r.stage as Stage,
            receivedAt: r.received_at ? new Date(r.received_at).toISOString() : null,
            campaignCode: r.campaign_code,
            contactAttempts: r.contact_attempts ?? 0,
            notes: r.notes ?? 0,
            initialVisitAt: r.initial_visit_at ? new Date(r.initial_visit_at).toISOString() : null,
          },
  }));
}
export type HandoffListItem = Awaited<ReturnType<typeof handoffList>>[number];

/** Which side of hand-offs an agency is on: a hub offers, a member council answers; others neither. */
export async function handoffSide(db: Db, agencyId: string): Promise<'hub' | 'council' | null> {
  const agency = await agencyKind(db, agencyId);
  if (agency?.kind === 'hub') return 'hub';
  return agency?.hubId ? 'council' : null;
}
