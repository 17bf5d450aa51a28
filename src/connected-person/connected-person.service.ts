import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import { londonToday, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { activeStages, type Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { formatDate } from '../shared/format.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import type { ChangeRouteInput, RecordExtensionInput } from './connected-person.schema.ts';
import {
  findExtension,
  insertExtension,
  lockRouteFacts,
  updateRoute,
  userName,
} from './connected-person.repo.ts';
import { extensionDateProblem, temporaryApprovalClock, timeLeftText } from './temporary-approval.ts';

const ONE_EXTENSION_ONLY =
  'regulation 25 of the Care Planning Regulations 2010 allows one extension only, of up to 8 weeks';

/**
 * Changes an enquiry's route and/or its reg. 24 placement date, audited. A placement date belongs
 * to a family and friends household only; leaving that route needs the date cleared first, and is
 * refused once an extension is recorded (it would no longer mean anything). Errors: `not_found`,
 * `validation` with the field's message, `conflict`.
 */
export async function changeRoute(db: Db, actor: Actor, enquiryId: string, input: ChangeRouteInput) {
  return db.transaction(async (tx) => {
    const before = await lockRouteFacts(tx, actor.agencyId, enquiryId);
    if (!before) throw notFound('Enquiry');
    const route = input.route ?? before.route;
    const placedOn = input.placedOn === undefined ? before.placedOn : input.placedOn;
    if (placedOn && route !== 'family_and_friends')
      throw fieldError(
        'placedOn',
        input.placedOn
          ? 'A placement date is only for a family and friends (connected person) household'
          : 'Clear the placement date before changing the route: it is only for a family and friends household',
      );
    const extension = await findExtension(tx, actor.agencyId, enquiryId);
    if (extension && placedOn !== before.placedOn) {
      const problem = placedOn ? extensionDateProblem(placedOn, extension.agreedOn) : null;
      if (!placedOn || problem)
        throw fieldError(
          'placedOn',
          `The temporary approval was extended on ${formatDate(extension.agreedOn)}, which must stay within the 16 weeks from the placement date`,
        );
    }
    if (route === before.route && placedOn === before.placedOn) return;
    await updateRoute(tx, actor.agencyId, enquiryId, { route, placedOn });
    await recordAudit(tx, actor, {
      action: 'enquiry.route_changed',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: changesBetween({ route: before.route, placedOn: before.placedOn }, { route, placedOn }),
    });
  });
}

function refuseExtension(before: { route: string; placedOn: IsoDate | null; stage: Stage }) {
  if (before.route !== 'family_and_friends')
    throw new AppError(
      'conflict',
      'Only a family and friends (connected person) household has a temporary approval to extend.',
    );
  if (!before.placedOn)
    throw new AppError('conflict', 'Record the date the child was placed before recording an extension.');
  if (!(activeStages as readonly Stage[]).includes(before.stage))
    throw new AppError(
      'conflict',
      'This household is no longer being assessed, so there is no temporary approval to extend.',
    );
}

/**
 * Records the one extension of a connected person's temporary approval (reg. 25(2) and (5)): up to
 * 8 weeks, agreed by the nominated officer while the 16 weeks are running. A second one is a
 * `conflict` saying when the first was agreed. Audited without names or reasons (personal data).
 */
export async function recordExtension(db: Db, actor: Actor, enquiryId: string, input: RecordExtensionInput) {
  return db.transaction(async (tx) => {
    const before = await lockRouteFacts(tx, actor.agencyId, enquiryId);
    if (!before) throw notFound('Enquiry');
    const existing = await findExtension(tx, actor.agencyId, enquiryId);
    if (existing)
      throw new AppError(
        'conflict',
        `The temporary approval was already extended on ${formatDate(existing.agreedOn)}: ${ONE_EXTENSION_ONLY}.`,
      );
    refuseExtension(before);
    const problem = extensionDateProblem(before.placedOn!, input.agreedOn);
    if (problem) throw fieldError('agreedOn', problem);
    const agreedByName = input.agreedByUserId
      ? await userName(tx, actor.agencyId, input.agreedByUserId)
      : undefined;
    if (input.agreedByUserId && !agreedByName)
      throw fieldError('agreedByUserId', 'Choose a user of this fostering service');
    const inserted = await insertExtension(tx, {
      agencyId: actor.agencyId,
      enquiryId,
      weeks: input.weeks,
      agreedOn: input.agreedOn,
      agreedBy: input.agreedBy || agreedByName!,
      agreedByUserId: input.agreedByUserId ?? null,
      reason: input.reason,
      recordedBy: actor.userId,
    });
    if (!inserted)
      throw new AppError('conflict', `The temporary approval was already extended: ${ONE_EXTENSION_ONLY}.`);
    await recordAudit(tx, actor, {
      action: 'temporary_approval.extended',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: changesBetween(null, { weeks: input.weeks, agreedOn: input.agreedOn }),
    });
  });
}

/**
 * The temporary approval clock for a family and friends household with a placement date, as seen
 * today (Europe/London), with the extension's details; null for any other household.
 */
export async function temporaryApprovalFor(
  db: Db,
  agencyId: string,
  enquiry: { id: string; route: string; placedOn: IsoDate | null; stage: Stage },
  today = londonToday(),
) {
  if (enquiry.route !== 'family_and_friends' || !enquiry.placedOn) return null;
  const extension = (await findExtension(db, agencyId, enquiry.id)) ?? null;
  const clock = temporaryApprovalClock(enquiry.placedOn, extension, today);
  return {
    ...clock,
    extension,
    /** "5 weeks left", "ends today", "ended 3 days ago". */
    timeLeft: timeLeftText(clock),
    /** An extension can still be recorded: none yet, and the household is still being assessed. */
    canExtend: !extension && (activeStages as readonly Stage[]).includes(enquiry.stage),
  };
}
