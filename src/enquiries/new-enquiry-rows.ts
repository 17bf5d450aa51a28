import { randomUUID } from 'node:crypto';
import type { HubPlacement } from '../agencies/hub-placement.ts';
import { auditRow, changesBetween } from '../audit/audit.service.ts';
import type { KnownRecipient } from '../follow-ups/follow-ups.service.ts';
import type { people } from '../households/households.table.ts';
import { messageRow, type NewMessage } from '../messages/outbox.service.ts';
import type { stageEvents } from '../pipeline/stage-events.table.ts';
import { consentWording } from '../privacy/consent-wording.ts';
import { consentChannels, type consents } from '../privacy/consents.table.ts';
import type { Actor } from '../shared/actor.ts';
import type { notes } from './activity.table.ts';
import type { CreateEnquiryInput } from './enquiries.schema.ts';
import type { enquiries } from './enquiries.table.ts';

export type CreatedVia = 'staff' | 'public_form' | 'api' | 'demo';

/** What the checks before the write established about a new enquiry. */
export interface EnquiryFacts {
  householdId: string;
  receivedAt: Date;
  source: { eventId: string | null; campaignCode: string | null };
  possibleDuplicates: string[];
  placement: HubPlacement;
  firstContactDueAt: Date;
  /** The time the rows are written (created/updated/recorded times). */
  now: Date;
}

/**
 * The rows of a new enquiry, made in full (ids and times included) so that they go to the database
 * in one statement and the answer is built from them without reading anything back (issue 19).
 * Pure: no database access.
 */
export function enquiryRows(actor: Actor, input: CreateEnquiryInput, via: CreatedVia, facts: EnquiryFacts) {
  const enquiry = enquiryRow(actor, input, via, facts);
  return {
    enquiry,
    firstStage: {
      agencyId: actor.agencyId,
      enquiryId: enquiry.id,
      fromStage: null,
      stage: 'enquiry',
      at: facts.receivedAt,
      recordedBy: actor.userId,
      recordedByLabel: actor.userId ? null : (actor.label ?? via),
      recordedAt: facts.now,
    } satisfies typeof stageEvents.$inferInsert,
    audit: auditRow(actor, createdAudit(enquiry.id, input, via, facts), facts.now),
    note: input.notes
      ? ({
          id: randomUUID(),
          agencyId: actor.agencyId,
          enquiryId: enquiry.id,
          body: input.notes,
          authorId: actor.userId,
          authorLabel: actor.label ?? null,
          importBatchId: null,
          createdAt: facts.now,
        } satisfies typeof notes.$inferSelect)
      : undefined,
  };
}

function enquiryRow(
  actor: Actor,
  input: CreateEnquiryInput,
  via: CreatedVia,
  facts: EnquiryFacts,
): typeof enquiries.$inferSelect {
  return {
    id: randomUUID(),
    agencyId: actor.agencyId,
    householdId: facts.householdId,
    receivedAt: facts.receivedAt,
    channel: input.channel,
    route: input.route,
    placedOn: input.placedOn ?? null,
    campaignCode: facts.source.campaignCode,
    heardAbout: input.heardAbout ?? null,
    sourceEventId: facts.source.eventId,
    assignedOfficerId:
      input.assignedOfficerId ?? (via === 'staff' && actor.role === 'officer' ? actor.userId : null),
    stage: 'enquiry',
    stageSince: facts.receivedAt,
    version: 1,
    firstContactDueAt: facts.firstContactDueAt,
    firstContactedAt: null,
    possibleDuplicates: facts.possibleDuplicates,
    ...facts.placement,
    handedOffAt: null,
    createdVia: via,
    createdBy: actor.userId,
    equalityTokenHash: null,
    importBatchId: null,
    createdAt: facts.now,
    updatedAt: facts.now,
  };
}

/** The audit entry of a new enquiry: what it is and where it came from, never who (issue 15). */
function createdAudit(enquiryId: string, input: CreateEnquiryInput, via: CreatedVia, facts: EnquiryFacts) {
  const { householdId, receivedAt, source, placement } = facts;
  return {
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
  };
}

/** One answer per channel, given by the person making the enquiry (the first applicant). */
export function consentRows(
  actor: Actor,
  personId: string,
  consent: CreateEnquiryInput['consent'],
  via: CreatedVia,
  { receivedAt, now }: Pick<EnquiryFacts, 'receivedAt' | 'now'>,
): (typeof consents.$inferInsert & { recordedAt: Date })[] {
  return consentChannels.map((channel) => ({
    agencyId: actor.agencyId,
    personId,
    channel,
    granted: consent[channel],
    wording: consentWording[channel],
    source: via,
    recordedBy: actor.userId,
    recordedAt: via === 'demo' ? receivedAt : now,
  }));
}

/** The welcome email as an outbox row with its id and time made here (they are in the answer). */
export function welcomeRow(message: NewMessage, now: Date) {
  const made = { id: randomUUID(), createdAt: now };
  return { row: messageRow(message, made), written: { ...made, subject: message.subject } };
}

/**
 * The welcome email's recipient as bookingContact() would read it (the first applicant by position
 * with an email address) and the officer's name, from rows this request is about to write.
 */
export function knownRecipient(
  household: (typeof people.$inferSelect)[],
  assignedOfficerId: string | null,
  chosen: { id: string; name: string } | undefined,
): KnownRecipient {
  const contact = household
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
