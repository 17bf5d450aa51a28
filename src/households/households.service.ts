import { randomUUID } from 'node:crypto';
import { getAgencyCached } from '../agencies/agencies.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { fieldError } from '../shared/errors.ts';
import { emailKey, isBfpo, looseNameKey, phoneKey } from '../shared/identity.ts';
import {
  findDuplicateHouseholds,
  findHousehold,
  peopleOfHouseholds,
  updatePersonContact,
  withIdentityKeys,
} from './households.repo.ts';
import type { NewHousehold } from './households.schema.ts';
import type { households, people, Relationship } from './households.table.ts';

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

/** Households already known with one of these applicants' email or phone, or postcode and surname. */
export async function householdsLike(
  db: Db,
  actor: Actor,
  input: Pick<NewHousehold, 'household' | 'applicants'>,
) {
  const applicants = input.applicants;
  return findDuplicateHouseholds(db, actor.agencyId, {
    emailKeys: applicants.flatMap((a) => (a.email ? [emailKey(a.email)] : [])),
    phoneKeys: applicants.flatMap((a) => phoneKey(a.phone) ?? []),
    postcode: input.household.postcode,
    lastNameKeys: applicants.map((a) => looseNameKey(a.lastName)).filter((k) => k !== ''),
  });
}

/**
 * A new household and its people (the applicants, then the other members) as the full rows to
 * write: ids and times are made here so that they can go in one statement with the enquiry's other
 * rows and the answer can be built without reading them back (issue 19). `now` is their
 * created/updated time.
 */
export async function newHouseholdRows(db: Db, actor: Actor, input: NewHousehold, now: Date) {
  const agency = await getAgencyCached(db, actor.agencyId);
  const household: typeof households.$inferSelect = {
    id: randomUUID(),
    agencyId: actor.agencyId,
    postcode: input.household.postcode,
    addressLine1: input.household.addressLine1 ?? null,
    addressLine2: input.household.addressLine2 ?? null,
    town: input.household.town ?? null,
    inArea: inAreaOf(agency?.areaPostcodePrefixes ?? [], input.household.postcode),
    preferences: input.preferences,
    importBatchId: null,
    anonymisedAt: null,
    anonymisedCause: null,
    createdAt: now,
    updatedAt: now,
  };
  const person = (p: {
    kind: 'applicant' | 'member';
    position: number;
    firstName: string;
    lastName: string;
    email?: string | null;
    phone?: string | null;
    dateOfBirth?: string | null;
    relationship?: Relationship | null;
  }): typeof people.$inferSelect =>
    withIdentityKeys({
      id: randomUUID(),
      agencyId: actor.agencyId,
      householdId: household.id,
      kind: p.kind,
      position: p.position,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email ?? null,
      phone: p.phone ?? null,
      dateOfBirth: p.dateOfBirth ?? null,
      birthYear: null,
      relationship: p.relationship ?? null,
      emailOptOutAt: null,
      importBatchId: null,
      createdAt: now,
      updatedAt: now,
    });
  const written = [
    ...input.applicants.map((a, i) => person({ ...a, kind: 'applicant', position: i + 1 })),
    ...input.members.map((m, i) =>
      person({
        ...m,
        kind: 'member',
        position: i + 1,
        lastName: m.lastName ?? input.applicants[0]!.lastName,
      }),
    ),
  ];
  return { household, people: written };
}

/** A household the enquiry names; a validation error (field `householdId`) when there is none. */
export async function findKnownHousehold(db: Db, actor: Actor, householdId: string) {
  const household = await findHousehold(db, actor.agencyId, householdId);
  if (!household) throw fieldError('householdId', 'That household was not found');
  return household;
}

/**
 * A known household enquiring again: any new contact details of the first applicant recorded
 * (and audited). Returns the household and its applicants.
 */
export async function updateApplicantContact(
  db: Db,
  actor: Actor,
  householdId: string,
  given: NewHousehold['applicants'][number],
) {
  const members = await peopleOfHouseholds(db, actor.agencyId, [householdId]);
  const applicants = members.filter((p) => p.kind === 'applicant');
  const first = applicants[0]!;
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
      // Which fields changed, never their values: audit entries hold no personal data (issue 15).
      changes: Object.fromEntries(Object.keys(update).map((field) => [field, { to: 'changed' }])),
    });
  }
  return { householdId, applicantIds: applicants.map((p) => p.id) };
}
