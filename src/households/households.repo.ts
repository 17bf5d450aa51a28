import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { households, people, type Preferences } from './households.table.ts';

export async function insertHousehold(db: Db, values: typeof households.$inferInsert) {
  const [row] = await db.insert(households).values(values).returning();
  return row!;
}

export async function insertPeople(db: Db, values: (typeof people.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(people).values(values).returning();
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

export async function updatePersonContact(
  db: Db,
  agencyId: string,
  id: string,
  values: { email?: string; phone?: string; phoneDigits?: string | null },
) {
  await db
    .update(people)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(people.agencyId, agencyId), eq(people.id, id)));
}

export async function updatePreferences(db: Db, agencyId: string, id: string, preferences: Preferences) {
  await db
    .update(households)
    .set({ preferences, updatedAt: new Date() })
    .where(and(eq(households.agencyId, agencyId), eq(households.id, id)));
}

export interface DuplicateProbe {
  emails: string[];
  phoneDigits: string[];
  postcode: string;
  lastNames: string[];
}

/**
 * Households that are probably the same people: a shared email, a shared phone number, or the same
 * postcode and surname. Returns each household once with why it matched and its latest enquiry.
 */
export async function findDuplicateHouseholds(db: Db, agencyId: string, given: DuplicateProbe) {
  const probe = { ...given, emails: given.emails.map((e) => e.toLowerCase()) };
  const conditions = [];
  if (probe.emails.length) conditions.push(inArray(sql`lower(${people.email})`, probe.emails));
  if (probe.phoneDigits.length) conditions.push(inArray(people.phoneDigits, probe.phoneDigits));
  if (probe.lastNames.length) {
    conditions.push(
      and(
        eq(households.postcode, probe.postcode),
        inArray(
          sql`lower(${people.lastName})`,
          probe.lastNames.map((n) => n.toLowerCase()),
        ),
      ),
    );
  }
  if (conditions.length === 0) return [];
  const matches = await db
    .select({
      householdId: households.id,
      postcode: households.postcode,
      email: people.email,
      phoneDigits: people.phoneDigits,
      lastName: people.lastName,
    })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(and(eq(people.agencyId, agencyId), or(...conditions)))
    .limit(50);
  const byHousehold = new Map<string, Set<string>>();
  for (const m of matches) {
    const reasons = byHousehold.get(m.householdId) ?? new Set<string>();
    if (m.email && probe.emails.includes(m.email.toLowerCase())) reasons.add('same email');
    if (m.phoneDigits && probe.phoneDigits.includes(m.phoneDigits)) reasons.add('same phone number');
    if (
      m.postcode === probe.postcode &&
      probe.lastNames.some((n) => n.toLowerCase() === m.lastName.toLowerCase())
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
