import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { people } from '../households/households.table.ts';
import { consents, type ConsentChannel } from './consents.table.ts';

export async function insertConsents(db: Db, values: (typeof consents.$inferInsert)[]) {
  if (values.length) await db.insert(consents).values(values);
}

/** The latest answer per person and channel. */
export async function currentConsents(db: Db, agencyId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectDistinctOn([consents.personId, consents.channel], {
      personId: consents.personId,
      channel: consents.channel,
      granted: consents.granted,
      wording: consents.wording,
      source: consents.source,
      recordedAt: consents.recordedAt,
    })
    .from(consents)
    .where(and(eq(consents.agencyId, agencyId), inArray(consents.personId, personIds)))
    .orderBy(consents.personId, consents.channel, desc(consents.recordedAt), desc(consents.id));
}

export type CurrentConsent = {
  personId: string;
  channel: ConsentChannel;
  granted: boolean;
  recordedAt: Date;
};

/** The person's latest answer for one channel: granted or refused, or null if never asked. */
export async function latestConsent(db: Db, personId: string, channel: ConsentChannel) {
  const [consent] = await db
    .select({ granted: consents.granted })
    .from(consents)
    .where(and(eq(consents.personId, personId), eq(consents.channel, channel)))
    .orderBy(desc(consents.recordedAt), desc(consents.id))
    .limit(1);
  return consent ? consent.granted : null;
}

/** The latest answer about one channel for each of these people (absent: never asked), in one query. */
export async function latestConsentsOf(db: Db, personIds: string[], channel: ConsentChannel) {
  if (personIds.length === 0) return new Map<string, boolean>();
  const found = await db
    .selectDistinctOn([consents.personId], { personId: consents.personId, granted: consents.granted })
    .from(consents)
    .where(and(inArray(consents.personId, personIds), eq(consents.channel, channel)))
    .orderBy(consents.personId, desc(consents.recordedAt), desc(consents.id));
  return new Map(found.map((c) => [c.personId, c.granted]));
}

/** Whether the person lives in the household of this enquiry, in this agency. */
export async function personOfEnquiry(db: Db, agencyId: string, enquiryId: string, personId: string) {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .innerJoin(enquiries, eq(enquiries.householdId, people.householdId))
    .where(and(eq(people.agencyId, agencyId), eq(enquiries.id, enquiryId), eq(people.id, personId)));
  return row;
}
