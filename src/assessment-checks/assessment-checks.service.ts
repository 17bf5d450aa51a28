/**
 * A household's assessment checklist (issue 18, scope 1; docs/assessment.md): made from the
 * household when it applies, added to when an adult or a referee is entered, and each item's
 * request, chases, receipt and outcome recorded with the dates they happened. A concern is restricted
 * to managers (docs/domain.md §7, safeguarding information); the audit log records what changed,
 * never names, emails or notes.
 */
import { recordAudit } from '../audit/audit.service.ts';
import { londonToday } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import { insertPeople } from '../households/households.repo.ts';
import { can } from '../shared/access.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import type { Stage } from '../pipeline/stages.ts';
import {
  checksOfEnquiry,
  insertChecks,
  lockCheck,
  peopleForChecklist,
  refereeNamed,
  updateCheck,
} from './assessment-checks.repo.ts';
import type { AddAdultInput, AddRefereeInput, UpdateCheckInput } from './assessment-checks.schema.ts';
import { checkView, outstandingLabel, type CheckView } from './check-view.ts';
import { checkTypesFor } from './check-types.service.ts';
import { outcomeChange, statusMove } from './check-moves.ts';
import { ADULT_AGE, isAdult, isOutstanding, missingItems } from './checklist.ts';

/** Stages at which a household has a checklist: from the application until the decision. */
export const checklistStages: readonly Stage[] = ['application', 'assessment', 'panel'];

/** Managers see concerns and their notes; officers see that an outcome is recorded, restricted. */
export const canSeeConcerns = (actor: Actor) => can(actor.role, 'management');

async function enquiryWithChecklist(db: Db, actor: Actor, enquiryId: string) {
  const enquiry = await findEnquiry(db, actor.agencyId, enquiryId);
  if (!enquiry) throw notFound('Enquiry');
  if (!checklistStages.includes(enquiry.stage)) {
    throw new AppError(
      'invalid_transition',
      'The assessment checklist is for households that have applied and are not yet decided.',
    );
  }
  return enquiry;
}

/**
 * Makes the items the household's checklist lacks (checklist.ts `missingItems`: each adult's DBS and
 * local authority checks, each applicant's medical, the household's items), never one twice. Run
 * when the household moves to application (pipeline.service), and on "Refresh the checklist".
 * Returns how many items were made. Errors: `not_found`; `invalid_transition` before application.
 */
export async function generateChecklist(db: Db, actor: Actor, enquiryId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const enquiry = await enquiryWithChecklist(tx, actor, enquiryId);
    const types = await checkTypesFor(tx, actor.agencyId);
    const people = await peopleForChecklist(tx, actor.agencyId, enquiry.householdId);
    const existing = (await checksOfEnquiry(tx, actor.agencyId, enquiryId)).map((r) => r.check);
    const wanted = missingItems(types, people, existing, londonToday(now));
    const made = await insertChecks(
      tx,
      wanted.map((w) => ({ ...w, agencyId: actor.agencyId, enquiryId, createdBy: actor.userId })),
    );
    if (made.length > 0) {
      await recordAudit(tx, actor, {
        action: 'assessment_checks.generated',
        entityType: 'enquiry',
        entityId: enquiryId,
        changes: { items: { to: made.length } },
      });
    }
    return made.length;
  });
}

/**
 * Enters a referee: one item for each active reference type asking that kind of referee. Errors:
 * `validation` (field `refereeKind` when the service asks no such reference; `refereeEmail` when
 * that referee is already named), `not_found`, `invalid_transition` before application.
 */
export async function addReferee(db: Db, actor: Actor, enquiryId: string, input: AddRefereeInput) {
  return db.transaction(async (tx) => {
    await enquiryWithChecklist(tx, actor, enquiryId);
    const types = (await checkTypesFor(tx, actor.agencyId)).filter(
      (t) => t.active && t.appliesTo === 'each_referee' && t.refereeKind === input.refereeKind,
    );
    if (types.length === 0) {
      throw fieldError(
        'refereeKind',
        'The service’s list of checks asks for no reference from this kind of referee',
      );
    }
    if (input.refereeEmail && (await refereeNamed(tx, enquiryId, input.refereeKind, input.refereeEmail))) {
      throw fieldError('refereeEmail', 'This referee is already named for this household');
    }
    const made = await insertChecks(
      tx,
      types.map((t) => ({
        agencyId: actor.agencyId,
        enquiryId,
        checkTypeId: t.id,
        refereeName: input.refereeName,
        refereeEmail: input.refereeEmail ?? null,
        refereeKind: input.refereeKind,
        createdBy: actor.userId,
      })),
    );
    await recordAudit(tx, actor, {
      action: 'assessment_checks.referee_added',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: { refereeKind: { to: input.refereeKind }, items: { to: made.length } },
    });
    return made;
  });
}

/**
 * Records another adult living in the household (a member of the household, docs/domain.md) and
 * makes their checks. Errors as `generateChecklist`; `validation` (field `dateOfBirth`) under 18.
 */
export async function addAdult(
  db: Db,
  actor: Actor,
  enquiryId: string,
  input: AddAdultInput,
  now = new Date(),
) {
  const adult = {
    id: '',
    kind: 'member' as const,
    relationship: input.relationship,
    dateOfBirth: input.dateOfBirth ?? null,
  };
  if (!isAdult(adult, londonToday(now))) {
    throw fieldError(
      'dateOfBirth',
      `An adult in the household is ${ADULT_AGE} or over: check the date of birth`,
    );
  }
  const person = await db.transaction(async (tx) => {
    const enquiry = await enquiryWithChecklist(tx, actor, enquiryId);
    const [row] = await insertPeople(tx, [
      {
        agencyId: actor.agencyId,
        householdId: enquiry.householdId,
        kind: 'member',
        position: 50,
        firstName: input.firstName,
        lastName: input.lastName,
        dateOfBirth: input.dateOfBirth ?? null,
        relationship: input.relationship,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'household.member_added',
      entityType: 'person',
      entityId: row!.id,
      changes: { relationship: { to: input.relationship } },
    });
    return row!;
  });
  return { person, made: await generateChecklist(db, actor, enquiryId, now) };
}

/** The checklist as the actor may see it (concerns restricted); a manager's view of a concern is audited. */
export async function checklistFor(db: Db, actor: Actor, enquiryId: string): Promise<CheckView[]> {
  const enquiry = await findEnquiry(db, actor.agencyId, enquiryId);
  if (!enquiry) throw notFound('Enquiry');
  const rows = await checksOfEnquiry(db, actor.agencyId, enquiryId);
  const seesConcerns = canSeeConcerns(actor);
  if (seesConcerns && rows.some((r) => r.check.outcome === 'concern')) {
    await recordAudit(db, actor, {
      action: 'restricted.viewed',
      entityType: 'assessment_checks',
      entityId: enquiryId,
    });
  }
  return rows.map((r) => checkView(r, seesConcerns));
}

/** Stage 1 items still outstanding (not received, not marked not needed), named for a message. */
export async function outstandingStageOne(db: Db, agencyId: string, enquiryId: string) {
  const rows = await checksOfEnquiry(db, agencyId, enquiryId);
  return rows.filter((r) => r.type.stage === 1 && isOutstanding(r.check)).map(outstandingLabel);
}

/**
 * Records what happened to one item: requested, chased (again), received, each with its date
 * (blank: today; never before the request), and/or its outcome. Clear or concern needs the item
 * received; "not needed" needs a reason and an item not received. Once an outcome is recorded only a
 * manager may change it. Errors: `not_found`; `validation` (422, the date fields);
 * `invalid_transition` (409) for an impossible move; `conflict` (409) when it changed meanwhile.
 */
export async function updateAssessmentCheck(
  db: Db,
  actor: Actor,
  enquiryId: string,
  checkId: string,
  input: UpdateCheckInput,
  now = new Date(),
): Promise<CheckView> {
  await db.transaction(async (tx) => {
    const item = await lockCheck(tx, actor.agencyId, enquiryId, checkId);
    if (!item) throw notFound('Check');
    if (item.outcome === 'not_needed' && input.status) {
      throw new AppError(
        'invalid_transition',
        'This check is marked not needed; nothing more is recorded on it.',
      );
    }
    const move = statusMove(item, input, londonToday(now));
    const outcome = input.outcome ? outcomeChange(actor, item, move.status ?? item.status, input, now) : {};
    const updated = await updateCheck(tx, item.id, item.status, { ...move, ...outcome });
    if (!updated)
      throw new AppError('conflict', 'This check changed while you were recording it. Try again.');
    await recordAudit(tx, actor, {
      action: 'assessment_check.updated',
      entityType: 'assessment_check',
      entityId: item.id,
      changes: {
        ...(move.status ? { status: { from: item.status, to: move.status } } : {}),
        ...('requestedOn' in move ? { requestedOn: { to: move.requestedOn } } : {}),
        ...('lastChasedOn' in move ? { lastChasedOn: { to: move.lastChasedOn } } : {}),
        ...('receivedOn' in move ? { receivedOn: { to: move.receivedOn } } : {}),
        // A concern is restricted: the audit log says an outcome was recorded, not which.
        ...(input.outcome
          ? { outcome: { to: input.outcome === 'concern' ? 'restricted' : input.outcome } }
          : {}),
      },
    });
  });
  const view = (await checklistFor(db, actor, enquiryId)).find((c) => c.id === checkId);
  return view!;
}
