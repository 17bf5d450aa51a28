import type { Db } from '../db/client.ts';
import { temporaryApprovalFor } from '../connected-person/connected-person.service.ts';
import { getEnquiryDetail, type EnquiryDetail } from './household.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { NewEnquiryRecord } from '../enquiries/enquiries.service.ts';

/**
 * The API's 201 for a new enquiry: exactly what getEnquiryDetail() would read back, built from the
 * rows the create has just written (RETURNING), so the answer costs no further statements (issue 19;
 * tests/enquiries/created-enquiry.test.ts compares the two). Falls back to reading it back when the
 * create did not write everything the answer shows (a known household enquiring again) or does not
 * know a name in it.
 *
 * `actor.name` is the signed-in user's name: what the history and notes show as "by".
 */
export async function createdEnquiryDetail(
  db: Db,
  actor: Actor & { userId: string; name: string },
  created: NewEnquiryRecord,
): Promise<EnquiryDetail> {
  const { enquiry, written, assignedOfficer } = created;
  const officerName =
    enquiry.assignedOfficerId === null
      ? null
      : assignedOfficer?.id === enquiry.assignedOfficerId
        ? assignedOfficer.name
        : undefined;
  // At a hub the answer names councils and who already knows the household: read it back.
  if (!written || officerName === undefined || enquiry.hubId !== null)
    return getEnquiryDetail(db, actor, enquiry.id);
  const { household, people, firstStage, consents, message, note } = written;
  // coalesce(users.name, label, 'system'), as the history and notes queries write it.
  const by = (userId: string | null, label: string | null) =>
    (userId === actor.userId ? actor.name : null) ?? label ?? 'system';
  const byPosition = <T extends { position: number }>(rows: T[]) =>
    [...rows].sort((a, b) => a.position - b.position);
  return {
    id: enquiry.id,
    stage: enquiry.stage,
    stageSince: enquiry.stageSince,
    route: enquiry.route,
    placedOn: enquiry.placedOn,
    temporaryApproval: await temporaryApprovalFor(db, actor.agencyId, enquiry),
    channel: enquiry.channel,
    receivedAt: enquiry.receivedAt,
    campaignCode: enquiry.campaignCode,
    heardAbout: enquiry.heardAbout,
    sourceEventId: enquiry.sourceEventId,
    assignedOfficer: enquiry.assignedOfficerId ? { id: enquiry.assignedOfficerId, name: officerName } : null,
    firstContactDueAt: enquiry.firstContactDueAt,
    firstContactedAt: enquiry.firstContactedAt,
    createdVia: enquiry.createdVia,
    possibleDuplicates: enquiry.possibleDuplicates,
    hub: null,
    knownToCouncils: [],
    // A new enquiry has not joined the nurture pool.
    nurtureSince: null,
    version: enquiry.version,
    household: {
      id: household.id,
      postcode: household.postcode,
      addressLine1: household.addressLine1,
      addressLine2: household.addressLine2,
      town: household.town,
      inArea: household.inArea,
      preferences: household.preferences,
    },
    applicants: byPosition(people.filter((p) => p.kind === 'applicant')).map((p) => ({
      id: p.id,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      dateOfBirth: p.dateOfBirth,
      consents: Object.fromEntries(
        consents
          .filter((c) => c.personId === p.id)
          .sort((a, b) => (a.channel < b.channel ? -1 : 1))
          .map((c) => [c.channel, { granted: c.granted, recordedAt: c.recordedAt, source: c.source }]),
      ),
    })),
    members: byPosition(people.filter((p) => p.kind === 'member')).map((p) => ({
      id: p.id,
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      relationship: p.relationship,
    })),
    // The first event has no reason, so nothing in it is restricted.
    history: [
      {
        stage: firstStage.stage,
        from: firstStage.fromStage,
        at: firstStage.at,
        reason: firstStage.reason,
        note: firstStage.note,
        by: by(firstStage.recordedBy, firstStage.recordedByLabel),
        recordedAt: firstStage.recordedAt,
      },
    ],
    contacts: [],
    notes: note
      ? [{ id: note.id, body: note.body, createdAt: note.createdAt, by: by(note.authorId, note.authorLabel) }]
      : [],
    emails: message
      ? [
          {
            id: message.id,
            subject: message.subject,
            status: 'queued' as const,
            providerMessageId: null,
            createdAt: message.createdAt,
            sentAt: null,
          },
        ]
      : [],
    otherEnquiries: [],
  };
}
