import { findEvent } from '../events/events.repo.ts';
import { loadFollowUpSettings } from '../follow-ups/follow-up-settings.ts';
import { queueFollowUp } from '../follow-ups/follow-ups.service.ts';
import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import {
  findDuplicateHouseholds,
  findHousehold,
  insertHousehold,
  insertPeople,
  peopleOfHouseholds,
  updatePersonContact,
} from '../households/households.repo.ts';
import { getAgency } from '../agencies/agencies.repo.ts';
import { resolveEventTime } from '../pipeline/pipeline.service.ts';
import { activeStages, type Stage } from '../pipeline/stages.ts';
import { consentWording } from '../privacy/consent-wording.ts';
import { insertConsents } from '../privacy/consents.repo.ts';
import { consentChannels } from '../privacy/consents.table.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { emailKey, isBfpo, looseNameKey, phoneKey } from '../shared/identity.ts';
import { listUsers } from '../users/users.repo.ts';
import { insertNote } from './activity.repo.ts';
import type { CreateEnquiryInput } from './enquiries.schema.ts';
import { enquiriesOfHousehold, insertEnquiry, insertStageEvent } from './enquiries.repo.ts';
import { firstContactDue } from './first-contact.ts';
import { calendarFor } from '../calendar/calendar.service.ts';

export type CreatedVia = 'staff' | 'public_form' | 'api' | 'demo';

/**
 * Does this postcode fall in the council's area? Unknown (null) until the agency lists its
 * postcodes, and for a BFPO address (a forces family posted away: where they will live is not known).
 */
export function inAreaOf(prefixes: string[], postcode: string): boolean | null {
  if (prefixes.length === 0 || isBfpo(postcode)) return null;
  const outward = postcode.split(' ')[0]!;
  return prefixes.some(
    (p) =>
      outward === p.toUpperCase() ||
      (/^[A-Z]+$/i.test(p) && outward.replace(/\d.*$/, '') === p.toUpperCase()),
  );
}

/**
 * Logs an enquiry: the household, its people, the enquiry, its first stage event, consents and
 * notes, in one transaction. Likely duplicates stop a staff or API enquiry (409 with candidates)
 * unless `allowDuplicate`; the public form never shows the public other people's details, so its
 * enquiries are created and flagged for an officer to review instead.
 */
export async function createEnquiry(db: Db, actor: Actor, input: CreateEnquiryInput, via: CreatedVia) {
  const receivedAt = resolveReceivedAt(input.receivedAt);
  const applicants = input.applicants;
  let possibleDuplicates: string[] = [];

  if (!input.householdId && !input.allowDuplicate) {
    const candidates = await findDuplicateHouseholds(db, actor.agencyId, {
      emailKeys: applicants.flatMap((a) => (a.email ? [emailKey(a.email)] : [])),
      phoneKeys: applicants.flatMap((a) => phoneKey(a.phone) ?? []),
      postcode: input.household.postcode,
      lastNameKeys: applicants.map((a) => looseNameKey(a.lastName)).filter((k) => k !== ''),
    });
    if (candidates.length && via !== 'public_form') {
      throw new AppError(
        'conflict',
        'This looks like a household we already know. Link to it, or create a new household anyway.',
        {
          details: { candidates },
        },
      );
    }
    possibleDuplicates = candidates.flatMap((c) => (c.enquiryId ? [c.enquiryId] : []));
  }

  if (input.assignedOfficerId) {
    const officers = await listUsers(db, actor.agencyId, { activeOnly: true });
    if (
      !officers.some(
        (o) => o.id === input.assignedOfficerId && (o.role === 'officer' || o.role === 'manager'),
      )
    ) {
      throw fieldError('assignedOfficerId', 'Select an officer from the list');
    }
  }

  const sourceEvent = input.sourceEventId
    ? await findEvent(db, actor.agencyId, input.sourceEventId)
    : undefined;
  if (input.sourceEventId && !sourceEvent)
    throw fieldError('sourceEventId', 'Select the event from the list');
  // An enquiry from an event counts towards the event's campaign unless told otherwise.
  const campaignCode = input.campaignCode ?? sourceEvent?.campaignCode ?? null;
  // Before the transaction: the embedded database has one connection, which the transaction holds.
  const calendar = await calendarFor(db);

  return db.transaction(async (tx) => {
    const { householdId, applicantIds } = input.householdId
      ? await useExistingHousehold(tx, actor, input)
      : await createHousehold(tx, actor, input);

    const enquiry = await insertEnquiry(tx, {
      agencyId: actor.agencyId,
      householdId,
      receivedAt,
      channel: input.channel,
      route: input.route,
      campaignCode,
      heardAbout: input.heardAbout ?? null,
      sourceEventId: sourceEvent?.id ?? null,
      assignedOfficerId:
        input.assignedOfficerId ?? (via === 'staff' && actor.role === 'officer' ? actor.userId : null),
      stage: 'enquiry',
      stageSince: receivedAt,
      firstContactDueAt: firstContactDue(receivedAt, calendar),
      possibleDuplicates,
      createdVia: via,
      createdBy: actor.userId,
    });
    await insertStageEvent(tx, {
      agencyId: actor.agencyId,
      enquiryId: enquiry.id,
      fromStage: null,
      stage: 'enquiry',
      at: receivedAt,
      recordedBy: actor.userId,
      recordedByLabel: actor.userId ? null : (actor.label ?? via),
    });
    // Consent is given by the person making the enquiry: the first applicant.
    await insertConsents(
      tx,
      consentChannels.map((channel) => ({
        agencyId: actor.agencyId,
        personId: applicantIds[0]!,
        channel,
        granted: input.consent[channel],
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
      })),
    );
    // The welcome email goes in the same transaction (the outbox); the relay sends it within a minute.
    if (via !== 'demo' && (await loadFollowUpSettings(tx, actor.agencyId)).welcome)
      await queueFollowUp(tx, actor.agencyId, enquiry.id, 'welcome', 'new');
    if (input.notes) {
      await insertNote(tx, {
        agencyId: actor.agencyId,
        enquiryId: enquiry.id,
        body: input.notes,
        authorId: actor.userId,
        authorLabel: actor.label ?? null,
      });
    }
    await recordAudit(tx, actor, {
      action: 'enquiry.created',
      entityType: 'enquiry',
      entityId: enquiry.id,
      changes: changesBetween(null, {
        channel: input.channel,
        route: input.route,
        receivedAt: receivedAt.toISOString(),
        campaignCode,
        sourceEventId: sourceEvent?.id ?? null,
        householdId,
        via,
      }),
    });
    return enquiry;
  });
}

/** A date without a time means midday that day, or now if it is today (never in the future). */
const resolveReceivedAt = (given: CreateEnquiryInput['receivedAt']) => resolveEventTime(given, new Date(0));

async function createHousehold(db: Db, actor: Actor, input: CreateEnquiryInput) {
  const agency = await getAgency(db, actor.agencyId);
  const household = await insertHousehold(db, {
    agencyId: actor.agencyId,
    postcode: input.household.postcode,
    addressLine1: input.household.addressLine1 ?? null,
    addressLine2: input.household.addressLine2 ?? null,
    town: input.household.town ?? null,
    inArea: inAreaOf(agency?.areaPostcodePrefixes ?? [], input.household.postcode),
    preferences: input.preferences,
  });
  const inserted = await insertPeople(db, [
    ...input.applicants.map((a, i) => ({
      agencyId: actor.agencyId,
      householdId: household.id,
      kind: 'applicant' as const,
      position: i + 1,
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email ?? null,
      phone: a.phone ?? null,
      dateOfBirth: a.dateOfBirth ?? null,
    })),
    ...input.members.map((m, i) => ({
      agencyId: actor.agencyId,
      householdId: household.id,
      kind: 'member' as const,
      position: i + 1,
      firstName: m.firstName,
      lastName: m.lastName ?? input.applicants[0]!.lastName,
      dateOfBirth: m.dateOfBirth ?? null,
      relationship: m.relationship,
    })),
  ]);
  return {
    householdId: household.id,
    applicantIds: inserted.filter((p) => p.kind === 'applicant').map((p) => p.id),
  };
}

/** A known household enquiring again: a new enquiry on it, with any new contact details recorded. */
async function useExistingHousehold(db: Db, actor: Actor, input: CreateEnquiryInput) {
  const household = await findHousehold(db, actor.agencyId, input.householdId!);
  if (!household) throw fieldError('householdId', 'That household was not found');
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
  const members = await peopleOfHouseholds(db, actor.agencyId, [household.id]);
  const applicants = members.filter((p) => p.kind === 'applicant');
  const first = applicants[0]!;
  const given = input.applicants[0]!;
  // The same address or number typed differently is not a change.
  const update = {
    ...(given.email && emailKey(given.email) !== first.emailKey ? { email: given.email } : {}),
    ...(given.phone && phoneKey(given.phone) !== first.phoneE164 ? { phone: given.phone } : {}),
  };
  if (Object.keys(update).length) {
    await updatePersonContact(db, actor.agencyId, first, update);
    await recordAudit(db, actor, {
      action: 'person.updated',
      entityType: 'person',
      entityId: first.id,
      changes: changesBetween(
        { email: first.email, phone: first.phone },
        { email: update.email ?? first.email, phone: update.phone ?? first.phone },
      ),
    });
  }
  return { householdId: household.id, applicantIds: applicants.map((p) => p.id) };
}
