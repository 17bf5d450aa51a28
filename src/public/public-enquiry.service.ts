import type { z } from 'zod';
import { randomToken, sha256 } from '../shared/tokens.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { CreateEnquiry } from '../enquiries/enquiries.schema.ts';
import { insertNote } from '../enquiries/activity.repo.ts';
import { findByEqualityTokenHash, setEqualityTokenHash } from '../enquiries/enquiries.repo.ts';
import { createEnquiry } from '../enquiries/enquiries.service.ts';
import { peopleOfHouseholds } from '../households/households.repo.ts';
import { upsertEqualityAnswers } from '../privacy/equality.repo.ts';
import type { EqualityAnswers } from '../privacy/equality.table.ts';
import type { consentChannels } from '../privacy/consents.table.ts';
import { systemActor } from '../shared/actor.ts';
import { parse } from '../shared/validation.ts';
import type { PublicEnquiry } from './public-enquiry.schema.ts';

/** The equality questions can be answered for this long after the enquiry. */
const EQUALITY_WINDOW_MS = 2 * 3600_000;

export const publicActor = (agencyId: string) => systemActor(agencyId, 'public enquiry form');

/**
 * The staff/API enquiry body for a public form: the same schema and rules, so a held submission
 * validated now can be released later. `receivedAt` is set only for a released one (when it was sent).
 */
export function toCreateEnquiry(
  input: z.output<typeof PublicEnquiry>,
  consent: Record<(typeof consentChannels)[number], boolean>,
  receivedAt?: Date,
) {
  return parse(CreateEnquiry, {
    ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
    channel: 'web_form',
    route: input.transfer === 'yes' ? 'transfer' : 'mainstream',
    campaignCode: input.campaign,
    heardAbout: input.heardAbout,
    household: { postcode: input.postcode },
    applicants: [
      { firstName: input.firstName, lastName: input.lastName, email: input.email, phone: input.phone },
    ],
    consent,
    notes: input.message,
    council: input.council === 'not_sure' ? undefined : input.council,
  });
}

/**
 * Creates the enquiry exactly as staff would (same schema, same service), from the web form.
 * Returns a one-time token for the optional equality questions that follow.
 */
export async function submitPublicEnquiry(
  db: Db,
  agencyId: string,
  input: z.output<typeof PublicEnquiry>,
  consent: Record<(typeof consentChannels)[number], boolean>,
) {
  const body = toCreateEnquiry(input, consent);
  const enquiry = await createEnquiry(db, publicActor(agencyId), body, 'public_form');
  const token = randomToken();
  await setEqualityTokenHash(db, enquiry.id, sha256(token));
  return { enquiryId: enquiry.id, equalityToken: token };
}

/**
 * The session the person chose could not be booked after all (cancelled, started or taken in the
 * moment between the form and the booking): a note asks the team to offer another, so the request
 * is not lost.
 */
export async function noteUnbookedSession(db: Db, agencyId: string, enquiryId: string) {
  await insertNote(db, {
    agencyId,
    enquiryId,
    body: 'Asked on the public form to come to an information session, which could not be booked when the form was sent. Offer them another session.',
    authorId: null,
    authorLabel: 'public enquiry form',
  });
}

/** Stores the optional answers for the person who enquired, kept apart from their case record. */
export async function recordEqualityAnswers(
  db: Db,
  token: string,
  answers: EqualityAnswers,
  now = new Date(),
) {
  const enquiry = await findByEqualityTokenHash(db, sha256(token));
  if (!enquiry || now.getTime() - enquiry.createdAt.getTime() > EQUALITY_WINDOW_MS) return false;
  const applicant = (await peopleOfHouseholds(db, enquiry.agencyId, [enquiry.householdId])).find(
    (p) => p.kind === 'applicant',
  );
  if (!applicant) return false;
  const given = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));
  await db.transaction(async (tx) => {
    await upsertEqualityAnswers(tx, enquiry.agencyId, applicant.id, given);
    await setEqualityTokenHash(tx, enquiry.id, null);
    // The audit says that answers were given, never what they were.
    await recordAudit(tx, publicActor(enquiry.agencyId), {
      action: 'equality.recorded',
      entityType: 'person',
      entityId: applicant.id,
    });
  });
  return true;
}

export const hasValidEqualityToken = async (db: Db, token: string | undefined, now = new Date()) => {
  if (!token) return false;
  const enquiry = await findByEqualityTokenHash(db, sha256(token));
  return !!enquiry && now.getTime() - enquiry.createdAt.getTime() <= EQUALITY_WINDOW_MS;
};
