import { hubPlacement } from '../agencies/hub-placement.ts';
import type { Db } from '../db/client.ts';
import { findEvent } from '../events/events.repo.ts';
import { loadFollowUpSettings } from '../follow-ups/follow-up-settings.ts';
import { composeFollowUp, type KnownRecipient } from '../follow-ups/follow-ups.service.ts';
import {
  findKnownHousehold,
  householdsLike,
  newHouseholdRows,
  updateApplicantContact,
} from '../households/households.service.ts';
import { resolveEventTime } from '../pipeline/event-time.ts';
import { activeStages, type Stage } from '../pipeline/stages.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { activeUsers } from '../users/users.service.ts';
import type { CreateEnquiryInput } from './enquiries.schema.ts';
import { enquiriesOfHousehold } from './enquiries.repo.ts';
import { firstContactDue } from './first-contact.ts';
import { consentRows, enquiryRows, knownRecipient, welcomeRow, type CreatedVia } from './new-enquiry-rows.ts';
import { insertNewEnquiry } from './new-enquiry.repo.ts';

export type { CreatedVia };

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
 *
 * A new household's enquiry is checked first, then written in ONE statement (no transaction needed:
 * a statement is atomic); a known household's contact update and enquiry go in one transaction.
 */
export async function recordNewEnquiry(db: Db, actor: Actor, input: CreateEnquiryInput, via: CreatedVia) {
  const receivedAt = resolveReceivedAt(input.receivedAt);
  const possibleDuplicates = await checkDuplicates(db, actor, input, via);
  const assignedOfficer = await checkAssignedOfficer(db, actor, input.assignedOfficerId);
  const source = await sourceOf(db, actor, input);
  const placement = await hubPlacement(db, actor.agencyId, input.council, input.household.postcode);
  // Before any transaction: the embedded database has one connection, which a transaction holds.
  const calendar = await calendarFor(db);
  const welcome = via !== 'demo' && (await loadFollowUpSettings(db, actor.agencyId)).welcome;
  const now = new Date();
  const facts = { receivedAt, source, possibleDuplicates, placement, now };
  const dueAt = firstContactDue(receivedAt, calendar);
  const welcomeOf = (tx: Db, enquiryId: string, known?: KnownRecipient) =>
    welcome
      ? composeFollowUp(tx, { agencyId: actor.agencyId, enquiryId, key: 'welcome', occasion: 'new', known })
      : undefined;

  if (input.householdId) {
    const householdId = input.householdId;
    return db.transaction(async (tx) => {
      const { applicantIds } = await knownHouseholdEnquiring(tx, actor, input, householdId);
      const rows = enquiryRows(actor, input, via, { ...facts, householdId, firstContactDueAt: dueAt });
      const message = await welcomeOf(tx, rows.enquiry.id);
      const consents = consentRows(actor, applicantIds[0]!, input.consent, via, facts);
      await insertNewEnquiry(tx, {
        ...rows,
        people: [],
        consents,
        message: message && welcomeRow(message, now).row,
      });
      return { enquiry: rows.enquiry, assignedOfficer, written: undefined };
    });
  }
  const { household, people } = await newHouseholdRows(db, actor, input, now);
  const rows = enquiryRows(actor, input, via, {
    ...facts,
    householdId: household.id,
    firstContactDueAt: dueAt,
  });
  const known = knownRecipient(people, rows.enquiry.assignedOfficerId, assignedOfficer);
  const message = await welcomeOf(db, rows.enquiry.id, known);
  const welcomeWrite = message && welcomeRow(message, now);
  const consents = consentRows(actor, people[0]!.id, input.consent, via, facts);
  const firstStage = await insertNewEnquiry(db, {
    ...rows,
    household,
    people,
    consents,
    message: welcomeWrite?.row,
  });
  return {
    enquiry: rows.enquiry,
    assignedOfficer,
    written: { household, people, firstStage, consents, message: welcomeWrite?.written, note: rows.note },
  };
}

export type NewEnquiryRecord = Awaited<ReturnType<typeof recordNewEnquiry>>;

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

/** A known household enquiring again (refused while it has an open enquiry); its applicants. */
async function knownHouseholdEnquiring(db: Db, actor: Actor, input: CreateEnquiryInput, householdId: string) {
  const household = await findKnownHousehold(db, actor, householdId);
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
  return updateApplicantContact(db, actor, household.id, input.applicants[0]!);
}
