import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { findHousehold, peopleOfHouseholds } from '../households/households.repo.ts';
import { restrictedReasons } from '../pipeline/stages.ts';
import { currentConsents } from '../privacy/consents.repo.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { messagesOfEnquiry } from '../messages/messages.repo.ts';
import { contactAttemptsOf, notesOf } from '../enquiries/activity.repo.ts';
import { stageHistory } from '../pipeline/pipeline.repo.ts';
import { enquiriesOfHousehold, findEnquiry } from '../enquiries/enquiries.repo.ts';
import { can } from '../shared/access.ts';
import { knownAtMemberCouncils } from '../households/known-elsewhere.service.ts';
import { temporaryApprovalFor } from '../connected-person/connected-person.service.ts';

/** Safeguarding reasons are for managers; everyone else sees that something is restricted, not what. */
const canSeeRestricted = (actor: Actor) => can(actor.role, 'management');

/**
 * Everything about one enquiry and its household, for the household page and the API.
 * A manager opening a record with restricted (safeguarding) information is audited.
 */
export async function getEnquiryDetail(db: Db, actor: Actor, id: string) {
  const enquiry = await findEnquiry(db, actor.agencyId, id);
  if (!enquiry) throw notFound('Enquiry');
  const [household, members, history, contacts, notes, others, emails, temporaryApproval, known] =
    await Promise.all([
      findHousehold(db, actor.agencyId, enquiry.householdId),
      peopleOfHouseholds(db, actor.agencyId, [enquiry.householdId]),
      stageHistory(db, actor.agencyId, id),
      contactAttemptsOf(db, actor.agencyId, id),
      notesOf(db, actor.agencyId, id),
      enquiriesOfHousehold(db, actor.agencyId, enquiry.householdId),
      messagesOfEnquiry(db, actor.agencyId, id),
      temporaryApprovalFor(db, actor.agencyId, enquiry),
      knownAtMemberCouncils(db, actor.agencyId, enquiry.householdId),
    ]);
  const applicants = members.filter((p) => p.kind === 'applicant');
  const consents = await currentConsents(
    db,
    actor.agencyId,
    applicants.map((a) => a.id),
  );

  const hasRestricted = history.some((e) => e.reason && restrictedReasons.includes(e.reason));
  if (hasRestricted && canSeeRestricted(actor)) {
    await recordAudit(db, actor, { action: 'restricted.viewed', entityType: 'enquiry', entityId: id });
  }

  return {
    id: enquiry.id,
    stage: enquiry.stage,
    stageSince: enquiry.stageSince,
    route: enquiry.route,
    /** Family and friends: the reg. 24 placement date, and the temporary approval clock from it. */
    placedOn: enquiry.placedOn,
    temporaryApproval,
    channel: enquiry.channel,
    receivedAt: enquiry.receivedAt,
    campaignCode: enquiry.campaignCode,
    heardAbout: enquiry.heardAbout,
    sourceEventId: enquiry.sourceEventId,
    assignedOfficer: enquiry.assignedOfficerId
      ? { id: enquiry.assignedOfficerId, name: enquiry.assignedOfficerName }
      : null,
    firstContactDueAt: enquiry.firstContactDueAt,
    firstContactedAt: enquiry.firstContactedAt,
    createdVia: enquiry.createdVia,
    possibleDuplicates: enquiry.possibleDuplicates,
    /** At a hub (issue 17): the council chosen (null: not sure) and the one the postcode is in. */
    hub: enquiry.hubId
      ? { preferredCouncil: enquiry.preferredCouncilName, homeCouncil: enquiry.homeCouncilName }
      : null,
    /** Member councils that already know this household: name and first month only (issue 17 §5). */
    knownToCouncils: known.map((k) => ({ council: k.councilName, since: k.since })),
    /** Since when the household is in the nurture pool ("not ready yet"); null when it is not. */
    nurtureSince: enquiry.nurtureSince,
    version: enquiry.version,
    household: {
      id: household!.id,
      postcode: household!.postcode,
      addressLine1: household!.addressLine1,
      addressLine2: household!.addressLine2,
      town: household!.town,
      inArea: household!.inArea,
      preferences: household!.preferences,
    },
    applicants: applicants.map((p) => ({
      id: p.id,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      dateOfBirth: p.dateOfBirth,
      consents: Object.fromEntries(
        consents
          .filter((c) => c.personId === p.id)
          .map((c) => [c.channel, { granted: c.granted, recordedAt: c.recordedAt, source: c.source }]),
      ),
    })),
    members: members
      .filter((p) => p.kind === 'member')
      .map((p) => ({
        id: p.id,
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        relationship: p.relationship,
      })),
    history: history.map((e) => {
      const restricted = !!e.reason && restrictedReasons.includes(e.reason) && !canSeeRestricted(actor);
      return {
        stage: e.stage,
        from: e.fromStage,
        at: e.at,
        reason: restricted ? 'restricted' : e.reason,
        note: restricted ? null : e.note,
        by: e.by,
        recordedAt: e.recordedAt,
      };
    }),
    contacts,
    notes,
    /** Emails to the household, from the outbox. */
    emails,
    otherEnquiries: others.filter((o) => o.id !== id),
  };
}
export type EnquiryDetail = Awaited<ReturnType<typeof getEnquiryDetail>>;
