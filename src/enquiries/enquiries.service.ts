import { hubPlacement, type HubPlacement } from '../agencies/hub-placement.ts';
import { auditWrite, changesBetween } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { findEvent } from '../events/events.repo.ts';
import { loadFollowUpSettings } from '../follow-ups/follow-up-settings.ts';
import { writeFollowUp, type KnownRecipient } from '../follow-ups/follow-ups.service.ts';
import {
  createHousehold,
  findKnownHousehold,
  householdsLike,
  updateApplicantContact,
} from '../households/households.service.ts';
import { resolveEventTime } from '../pipeline/event-time.ts';
import { recordFirstStage } from '../pipeline/pipeline.service.ts';
import { activeStages, type Stage } from '../pipeline/stages.ts';
import { consentWording } from '../privacy/consent-wording.ts';
import { consentsInsert } from '../privacy/consents.repo.ts';
import { consentChannels } from '../privacy/consents.table.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { activeUsers } from '../users/users.service.ts';
import { insertNote } from './activity.repo.ts';
import type { CreateEnquiryInput } from './enquiries.schema.ts';
import { enquiriesOfHousehold, insertEnquiry } from './enquiries.repo.ts';
import { firstContactDue } from './first-contact.ts';

export type CreatedVia = 'staff' | 'public_form' | 'api' | 'demo';

/**
 * Logs an enquiry: the household, its people, the enquiry, its first stage event, consents and
 * notes, in one transaction. Likely duplicates stop a staff or API enquiry (409 with candidates)
 * unless `allowDuplicate`; the public form never shows the public other people's details, so its
 * enquiries are created and flagged for an officer to review instead.
 */
export async function createEnquiry(db: Db, actor: Actor, input: CreateEnquiryInput, via: CreatedVia) {
  return (await recordNewEnquiry(db, actor, input, via)).enquiry;
}

/**
 * createEnquiry, also returning the rows it wrote, so that an answer can be built from them without
 * reading them back (issue 19). `written` is undefined for a known household enquiring again (its
 * other people and enquiries were not written here); `assignedOfficer` is the chosen officer, when
 * one was chosen.
 */
export async function recordNewEnquiry(db: Db, actor: Actor, input: CreateEnquiryInput, via: CreatedVia) {
  const receivedAt = resolveReceivedAt(input.receivedAt);
  const possibleDuplicates = await checkDuplicates(db, actor, input, via);
  const assignedOfficer = await checkAssignedOfficer(db, actor, input.assignedOfficerId);
  const source = await sourceOf(db, actor, input);
  const placement = await hubPlacement(db, actor.agencyId, input.council, input.household.postcode);
  // Before the transaction: the embedded database has one connection, which the transaction holds.
  const calendar = await calendarFor(db);
  const welcome = via !== 'demo' && (await loadFollowUpSettings(db, actor.agencyId)).welcome;

  return db.transaction(async (tx) => {
    const { householdId, applicantIds, written } = await householdFor(tx, actor, input);
    const facts = { householdId, receivedAt, source, possibleDuplicates, placement };
    const enquiry = await recordEnquiry(tx, actor, input, via, {
      ...facts,
      firstContactDueAt: firstContactDue(receivedAt, calendar),
    });
    // Consent is given by the person making the enquiry: the first applicant.
    const consents = consentRows(actor, applicantIds[0]!, input.consent, via, receivedAt);
    // One statement: the first stage event with the consents and the audit entry (db/batched-writes.ts).
    const firstStage = await recordFirstStage(tx, actor, { enquiryId: enquiry.id, at: receivedAt, via }, [
      consentsInsert(tx, consents),
      auditCreated(tx, actor, enquiry.id, input, via, facts),
    ]);
    // The welcome email goes in the same transaction (the outbox); the relay sends it within a minute.
    const known = written && knownRecipient(written.people, enquiry.assignedOfficerId, assignedOfficer);
    const message = welcome
      ? await writeFollowUp(tx, {
          agencyId: actor.agencyId,
          enquiryId: enquiry.id,
          key: 'welcome',
          occasion: 'new',
          known,
        })
      : undefined;
    const note = await recordNote(tx, actor, enquiry.id, input.notes);
    return {
      enquiry,
      assignedOfficer,
      written: written && { ...written, firstStage, consents, message, note },
    };
  });
}

export type NewEnquiryRecord = Awaited<ReturnType<typeof recordNewEnquiry>>;

/**
 * The welcome email's recipient as bookingContact() would read it (the first applicant by position
 * with an email address) and the officer's name, from rows this request has just written.
 */
function knownRecipient(
  people: { id: string; kind: string; position: number; firstName: string; email: string | null }[],
  assignedOfficerId: string | null,
  chosen: { id: string; name: string } | undefined,
): KnownRecipient {
  const contact = people
    .filter((p) => p.kind === 'applicant' && p.email !== null)
    .sort((a, b) => a.position - b.position)[0];
  return {
    contact: contact ? { personId: contact.id, firstName: contact.firstName, email: contact.email } : null,
    officer:
      assignedOfficerId === null
        ? { name: undefined }
        : chosen?.id === assignedOfficerId
          ? { name: chosen.name }
          : undefined,
  };
}

/** A date without a time means midday that day, or now if it is today (never in the future). */
const resolveReceivedAt = (given: CreateEnquiryInput['receivedAt']) => resolveEventTime(given, new Date(0));

/**
 * Likely duplicates of a new household: a conflict (409 with the candidates) for staff and the API,
 * the enquiries to flag for review for the public form. None when linking to a known household
 * or told to create it anyway.
 */
async function checkDuplicates(db: Db, actor: Actor, input: CreateEnquiryInput, via: CreatedVia) {
  if (input.householdId || input.allowDuplicate) return [];
  const candidates = await householdsLike(db, actor, input);
  if (candidates.length && via !== 'public_form') {
    throw new AppError(
      'conflict',
      'This looks like a household we already know. Link to it, or create a new household anyway.',
      {
        details: { candidates },
      },
    );
  }
  return candidates.flatMap((c) => (c.enquiryId ? [c.enquiryId] : []));
}

/** The officer chosen must be an active officer or manager of the agency. Returns them. */
async function checkAssignedOfficer(db: Db, actor: Actor, assignedOfficerId: string | undefined) {
  if (!assignedOfficerId) return undefined;
  const officers = await activeUsers(db, actor.agencyId);
  const officer = officers.find(
    (o) => o.id === assignedOfficerId && (o.role === 'officer' || o.role === 'manager'),
  );
  if (!officer) throw fieldError('assignedOfficerId', 'Select an officer from the list');
  return { id: officer.id, name: officer.name };
}

/** The event the enquiry came from, if any, and the campaign it counts towards. */
async function sourceOf(db: Db, actor: Actor, input: CreateEnquiryInput) {
  const sourceEvent = input.sourceEventId
    ? await findEvent(db, actor.agencyId, input.sourceEventId)
    : undefined;
  if (input.sourceEventId && !sourceEvent)
    throw fieldError('sourceEventId', 'Select the event from the list');
  // An enquiry from an event counts towards the event's campaign unless told otherwise.
  return {
    eventId: sourceEvent?.id ?? null,
    campaignCode: input.campaignCode ?? sourceEvent?.campaignCode ?? null,
  };
}

/** A new household, or a known one enquiring again (refused while it has an open enquiry). */
async function householdFor(db: Db, actor: Actor, input: CreateEnquiryInput) {
  if (!input.householdId) return createHousehold(db, actor, input);
  const household = await findKnownHousehold(db, actor, input.householdId);
  const open = (await enquiriesOfHousehold(db, actor.agencyId, household.id)).find((e) =>
    ([...activeStages, 'approved'] as Stage[]).includes(e.stage),
  );
  if (open) {
    throw new AppError(
      'conflict',
      'This household already has an open enquiry. Record a contact or a note on it instead.',
      {
        details: { enquiryId: open.id },
      },
    );
  }
  return {
    ...(await updateApplicantContact(db, actor, household.id, input.applicants[0]!)),
    written: undefined,
  };
}

function consentRows(
  actor: Actor,
  personId: string,
  consent: CreateEnquiryInput['consent'],
  via: CreatedVia,
  receivedAt: Date,
) {
  return consentChannels.map((channel) => ({
    agencyId: actor.agencyId,
    personId,
    channel,
    granted: consent[channel],
    wording: consentWording[channel],
    source:
      via === 'public_form'
        ? ('public_form' as const)
        : via === 'demo'
          ? ('demo' as const)
          : via === 'api'
            ? ('api' as const)
            : ('staff' as const),
    recordedBy: actor.userId,
    recordedAt: via === 'demo' ? receivedAt : new Date(),
  }));
}

async function recordNote(tx: Db, actor: Actor, enquiryId: string, notes: string | undefined) {
  if (!notes) return undefined;
  return insertNote(tx, {
    agencyId: actor.agencyId,
    enquiryId,
    body: notes,
    authorId: actor.userId,
    authorLabel: actor.label ?? null,
  });
}

interface EnquiryFacts {
  householdId: string;
  receivedAt: Date;
  source: { eventId: string | null; campaignCode: string | null };
  possibleDuplicates: string[];
  placement: HubPlacement;
}

async function recordEnquiry(
  tx: Db,
  actor: Actor,
  input: CreateEnquiryInput,
  via: CreatedVia,
  {
    householdId,
    receivedAt,
    source,
    possibleDuplicates,
    placement,
    firstContactDueAt,
  }: EnquiryFacts & { firstContactDueAt: Date },
) {
  return insertEnquiry(tx, {
    agencyId: actor.agencyId,
    householdId,
    receivedAt,
    channel: input.channel,
    route: input.route,
    placedOn: input.placedOn ?? null,
    campaignCode: source.campaignCode,
    heardAbout: input.heardAbout ?? null,
    sourceEventId: source.eventId,
    assignedOfficerId:
      input.assignedOfficerId ?? (via === 'staff' && actor.role === 'officer' ? actor.userId : null),
    stage: 'enquiry',
    stageSince: receivedAt,
    firstContactDueAt,
    possibleDuplicates,
    ...placement,
    createdVia: via,
    createdBy: actor.userId,
  });
}

/** The audit entry's insert, not yet run: it goes with the first stage event. */
function auditCreated(
  tx: Db,
  actor: Actor,
  enquiryId: string,
  input: CreateEnquiryInput,
  via: CreatedVia,
  { householdId, receivedAt, source, placement }: EnquiryFacts,
) {
  return auditWrite(tx, actor, {
    action: 'enquiry.created',
    entityType: 'enquiry',
    entityId: enquiryId,
    changes: changesBetween(null, {
      channel: input.channel,
      route: input.route,
      ...(input.placedOn ? { placedOn: input.placedOn } : {}),
      receivedAt: receivedAt.toISOString(),
      campaignCode: source.campaignCode,
      sourceEventId: source.eventId,
      householdId,
      via,
      ...(placement.hubId ? placement : {}),
    }),
  });
}
