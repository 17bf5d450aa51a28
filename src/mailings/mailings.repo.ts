import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { mailings, type Segment } from './mailings.table.ts';

export type MailingRow = typeof mailings.$inferSelect;

export async function insertMailing(db: Db, values: typeof mailings.$inferInsert) {
  const [row] = await db.insert(mailings).values(values).returning();
  return row!;
}

export async function findMailing(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(mailings)
    .where(and(eq(mailings.agencyId, agencyId), eq(mailings.id, id)));
  return row;
}

export async function listMailings(db: Db, agencyId: string) {
  return db.select().from(mailings).where(eq(mailings.agencyId, agencyId)).orderBy(desc(mailings.createdAt));
}

/** draft → sending, once: the second of two clicks finds nothing to update. */
export async function markSending(db: Db, agencyId: string, id: string, total: number) {
  const [row] = await db
    .update(mailings)
    .set({ status: 'sending', total })
    .where(and(eq(mailings.agencyId, agencyId), eq(mailings.id, id), eq(mailings.status, 'draft')))
    .returning();
  return row;
}

export async function recordProgress(db: Db, id: string, written: number, done: boolean) {
  await db
    .update(mailings)
    .set({ written, ...(done ? { status: 'sent' as const, sentAt: new Date() } : {}) })
    .where(eq(mailings.id, id));
}

export interface Recipient {
  personId: string;
  enquiryId: string;
  firstName: string;
  email: string;
}

/**
 * Everyone a segment reaches: applicants with an email address whose household's latest enquiry
 * matches, who have not unsubscribed, and whose latest answer about marketing email is yes (PECR).
 * One email per address (compared by its identity key: case and spaces ignored), even if two
 * households share it; none to an address that unsubscribed under any record.
 */
export async function segmentRecipients(db: Db, agencyId: string, segment: Segment, now = new Date()) {
  const stageFilter = segment.stages.length
    ? sql`and l.stage in (${sql.join(
        segment.stages.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : sql``;
  return rows<Recipient>(
    db,
    sql`with latest as (
          select distinct on (e.household_id) e.household_id, e.id as enquiry_id, e.stage, e.received_at
          from enquiries e where e.agency_id = ${agencyId}
          order by e.household_id, e.received_at desc, e.id
        ),
        consent as (
          select distinct on (c.person_id) c.person_id, c.granted
          from consents c where c.agency_id = ${agencyId} and c.channel = 'email'
          order by c.person_id, c.recorded_at desc, c.id desc
        )
        select distinct on (p.email_key) p.id as "personId", l.enquiry_id as "enquiryId",
               p.first_name as "firstName", p.email
        from latest l
        join people p on p.household_id = l.household_id and p.kind = 'applicant'
        join consent c on c.person_id = p.id and c.granted
        where p.email is not null and p.email_opt_out_at is null
          -- Unsubscribed under another record of the same address (a duplicate household): no mail.
          and not exists (select 1 from people o where o.agency_id = ${agencyId}
                          and o.email_key = p.email_key and o.email_opt_out_at is not null)
          and l.received_at >= ${now.toISOString()}::timestamptz - make_interval(months => ${segment.enquiredWithinMonths}::int)
          ${stageFilter}
        order by p.email_key, p.position, p.id`,
  );
}

/** For the send job, which knows the mailing only by id. */
export async function findMailingById(db: Db, id: string) {
  const [row] = await db.select().from(mailings).where(eq(mailings.id, id));
  return row;
}
