import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/db-type.ts';
import { prepared } from '../db/prepared.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { personKeys } from '../shared/identity.ts';
import { households, people, type Preferences } from './households.table.ts';

type NewPerson = Omit<typeof people.$inferInsert, 'emailKey' | 'phoneE164' | 'lastNameKey' | 'nameKey'>;

/** A person row with its identity keys, made from its own fields (the only way keys are written). */
export const withIdentityKeys = <T extends NewPerson>(person: T) => ({ ...person, ...personKeys(person) });

export async function insertPeople(db: Db, values: NewPerson[]) {
  if (values.length === 0) return [];
  return db.insert(people).values(values.map(withIdentityKeys)).returning();
}

export async function findHousehold(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(households)
    .where(and(eq(households.agencyId, agencyId), eq(households.id, id)));
  return row;
}

export async function peopleOfHouseholds(db: Db, agencyId: string, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  return db
    .select()
    .from(people)
    .where(and(eq(people.agencyId, agencyId), inArray(people.householdId, householdIds)))
    .orderBy(asc(people.kind), asc(people.position), asc(people.createdAt));
}

/** New contact details for a person, with the keys they are matched on. */
export async function updatePersonContact(
  db: Db,
  agencyId: string,
  person: { id: string; firstName: string; lastName: string; email: string | null; phone: string | null },
  values: { email?: string; phone?: string },
) {
  const { emailKey, phoneE164 } = personKeys({ ...person, ...values });
  await db
    .update(people)
    .set({ ...values, emailKey, phoneE164, updatedAt: new Date() })
    .where(and(eq(people.agencyId, agencyId), eq(people.id, person.id)));
}

export async function updatePreferences(db: Db, agencyId: string, id: string, preferences: Preferences) {
  await db
    .update(households)
    .set({ preferences, updatedAt: new Date() })
    .where(and(eq(households.agencyId, agencyId), eq(households.id, id)));
}

/**
 * People sharing an email key, a phone number, or a postcode and surname key with the probe (each an
 * array: an empty one matches nothing), with their households. One fixed statement whatever the
 * probe, so it is prepared once (db/prepared.ts).
 */
const duplicateCandidates = (db: Db) =>
  db
    .select({
      householdId: households.id,
      postcode: households.postcode,
      emailKey: people.emailKey,
      phoneE164: people.phoneE164,
      lastNameKey: people.lastNameKey,
    })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(
      and(
        eq(people.agencyId, sql.placeholder('agencyId')),
        or(
          sql`${people.emailKey} = any(${sql.placeholder('emailKeys')}::text[])`,
          sql`${people.phoneE164} = any(${sql.placeholder('phoneKeys')}::text[])`,
          and(
            eq(households.postcode, sql.placeholder('postcode')),
            sql`${people.lastNameKey} = any(${sql.placeholder('lastNameKeys')}::text[])`,
          ),
        ),
      ),
    )
    .limit(50)
    .prepare('duplicate_households');

/** What a new enquiry is compared on: identity keys from shared/identity.ts, never raw input. */
export interface DuplicateProbe {
  emailKeys: string[];
  phoneKeys: string[];
  /** Canonical postcode (or "BFPO n"). */
  postcode: string;
  lastNameKeys: string[];
}

/**
 * Households that are probably the same people: a shared email, a shared phone number, or the same
 * postcode and surname (accent-, case- and punctuation-insensitive: "O'Brien" = "O’Brien",
 * "Lefèvre" = "Lefevre"). Returns each household once with why it matched and its latest enquiry.
 */
export async function findDuplicateHouseholds(db: Db, agencyId: string, probe: DuplicateProbe) {
  if (!probe.emailKeys.length && !probe.phoneKeys.length && !probe.lastNameKeys.length) return [];
  const matches = await prepared(db, 'duplicate_households', duplicateCandidates).execute({
    agencyId,
    ...probe,
  });
  const byHousehold = new Map<string, Set<string>>();
  for (const m of matches) {
    const reasons = byHousehold.get(m.householdId) ?? new Set<string>();
    if (m.emailKey && probe.emailKeys.includes(m.emailKey)) reasons.add('same email');
    if (m.phoneE164 && probe.phoneKeys.includes(m.phoneE164)) reasons.add('same phone number');
    if (
      m.postcode === probe.postcode &&
      m.lastNameKey !== null &&
      probe.lastNameKeys.includes(m.lastNameKey)
    ) {
      reasons.add('same postcode and surname');
    }
    byHousehold.set(m.householdId, reasons);
  }
  const ids = [...byHousehold.keys()].slice(0, 10);
  if (ids.length === 0) return [];
  const latest = await db
    .selectDistinctOn([enquiries.householdId], {
      householdId: enquiries.householdId,
      enquiryId: enquiries.id,
      stage: enquiries.stage,
      receivedAt: enquiries.receivedAt,
    })
    .from(enquiries)
    .where(and(eq(enquiries.agencyId, agencyId), inArray(enquiries.householdId, ids)))
    .orderBy(enquiries.householdId, sql`${enquiries.receivedAt} desc`);
  const members = await peopleOfHouseholds(db, agencyId, ids);
  return ids.map((id) => {
    const enquiry = latest.find((l) => l.householdId === id);
    return {
      householdId: id,
      enquiryId: enquiry?.enquiryId ?? null,
      stage: enquiry?.stage ?? null,
      receivedAt: enquiry?.receivedAt ?? null,
      postcode: matches.find((m) => m.householdId === id)!.postcode,
      names: members
        .filter((p) => p.householdId === id && p.kind === 'applicant')
        .map((p) => `${p.firstName} ${p.lastName}`),
      reasons: [...byHousehold.get(id)!],
    };
  });
}
export type DuplicateCandidate = Awaited<ReturnType<typeof findDuplicateHouseholds>>[number];

/** Who an unsubscribe link is for, and whether they have already opted out. */
export async function findPersonOptOut(db: Db, personId: string) {
  const [person] = await db
    .select({ id: people.id, agencyId: people.agencyId, emailOptOutAt: people.emailOptOutAt })
    .from(people)
    .where(eq(people.id, personId));
  return person;
}

export async function setEmailOptOut(db: Db, personId: string, at: Date) {
  await db.update(people).set({ emailOptOutAt: at, updatedAt: at }).where(eq(people.id, personId));
}

/** People written before migration 0008, whose identity keys are not made yet (a batch of them). */
export async function peopleWithoutKeys(db: Db, limit: number) {
  return db
    .select({
      id: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      email: people.email,
      phone: people.phone,
    })
    .from(people)
    .where(isNull(people.lastNameKey))
    .limit(limit);
}

/** Writes many people's identity keys in one statement. */
export async function setPeopleKeys(
  db: Db,
  keyed: {
    id: string;
    emailKey: string | null;
    phoneE164: string | null;
    lastNameKey: string;
    nameKey: string;
  }[],
) {
  if (keyed.length === 0) return;
  await db.execute(sql`
    update ${people} p
    set email_key = v."emailKey", phone_e164 = v."phoneE164", last_name_key = v."lastNameKey",
        name_key = v."nameKey"
    from jsonb_to_recordset(${JSON.stringify(keyed)}::jsonb)
      as v(id uuid, "emailKey" text, "phoneE164" text, "lastNameKey" text, "nameKey" text)
    where p.id = v.id`);
}

/** Who to write to about a household's booking: the first applicant with an email address. */
export async function bookingContact(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await db
    .select({ personId: people.id, firstName: people.firstName, email: people.email })
    .from(enquiries)
    .innerJoin(people, eq(people.householdId, enquiries.householdId))
    .where(
      and(
        eq(enquiries.agencyId, agencyId),
        eq(enquiries.id, enquiryId),
        eq(people.kind, 'applicant'),
        sql`${people.email} is not null`,
      ),
    )
    .orderBy(asc(people.position))
    .limit(1);
  return row;
}

/**
 * Whether the person has unsubscribed, under this record or another with the same email address
 * (compared by its identity key).
 */
/** A uuid[] parameter as one array literal: both drivers pass it alike. */
const uuids = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Of these people (each in the agency given), those who unsubscribed, under their own record or
 * another of the agency's with the same email address (its identity key): emailOptedOut for a batch,
 * in one query. Returns their ids.
 */
export async function emailOptedOutAmong(db: Db, recipients: { agencyId: string; personId: string }[]) {
  if (recipients.length === 0) return new Set<string>();
  // db.execute, not db/rows.ts: that imports the client, which imports this file (a cycle).
  const result = (await db.execute(
    sql`select p.id from people p
        join unnest(${uuids(recipients.map((r) => r.personId))}, ${uuids(recipients.map((r) => r.agencyId))})
          as r(person_id, agency_id)
          on p.id = r.person_id and p.agency_id = r.agency_id
        where p.email_opt_out_at is not null
           or (p.email_key is not null and exists (
                select 1 from people o
                where o.agency_id = p.agency_id and o.email_key = p.email_key and o.email_opt_out_at is not null))`,
  )) as unknown as { rows: { id: string }[] };
  const found = result.rows;
  return new Set(found.map((r) => r.id));
}

export async function emailOptedOut(db: Db, agencyId: string, personId: string) {
  const [person] = await db
    .select({ emailOptOutAt: people.emailOptOutAt, emailKey: people.emailKey })
    .from(people)
    .where(and(eq(people.agencyId, agencyId), eq(people.id, personId)));
  const [sameAddressOptedOut] = person?.emailKey
    ? await db
        .select({ id: people.id })
        .from(people)
        .where(
          and(
            eq(people.agencyId, agencyId),
            eq(people.emailKey, person.emailKey),
            isNotNull(people.emailOptOutAt),
          ),
        )
        .limit(1)
    : [];
  return !!person?.emailOptOutAt || !!sameAddressOptedOut;
}
