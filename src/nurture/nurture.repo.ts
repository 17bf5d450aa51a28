import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { nurturePool, type NurtureLeftReason } from './nurture.table.ts';

export async function openMembership(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await db
    .select()
    .from(nurturePool)
    .where(
      and(
        eq(nurturePool.agencyId, agencyId),
        eq(nurturePool.enquiryId, enquiryId),
        isNull(nurturePool.leftAt),
      ),
    );
  return row;
}

/** A household joins the pool; undefined if it is already in it (the open-row unique index decides). */
export async function insertMembership(
  db: Db,
  values: { agencyId: string; enquiryId: string; joinedAt: Date; joinedBy: string | null },
) {
  const [row] = await db.insert(nurturePool).values(values).onConflictDoNothing().returning();
  return row;
}

/** Closes the household's open row; the row left, or undefined when it was not in the pool. */
export async function closeMembership(
  db: Db,
  agencyId: string,
  enquiryId: string,
  reason: NurtureLeftReason,
  at: Date,
) {
  const [row] = await db
    .update(nurturePool)
    .set({ leftAt: at, leftReason: reason })
    .where(
      and(
        eq(nurturePool.agencyId, agencyId),
        eq(nurturePool.enquiryId, enquiryId),
        isNull(nurturePool.leftAt),
      ),
    )
    .returning();
  return row;
}

/**
 * Records that step `step` was written to the outbox, only if no later step was: two sweeps at
 * once cannot both send it (the second updates nothing). True when this call recorded it.
 */
export async function markStepSent(db: Db, id: string, step: number, at: Date) {
  const updated = await db
    .update(nurturePool)
    .set({ stepsSent: step, lastSentAt: at })
    .where(and(eq(nurturePool.id, id), isNull(nurturePool.leftAt), sql`${nurturePool.stepsSent} < ${step}`))
    .returning({ id: nurturePool.id });
  return updated.length === 1;
}

export interface PoolMember {
  id: string;
  agencyId: string;
  enquiryId: string;
  stepsSent: number;
  /** Whole days since the household joined the pool. */
  daysIn: number;
}

/**
 * Households in the pool, still at `enquiry` or `initial_visit`, whose first applicant's latest
 * email consent is granted ("Keeping in touch" on the form) and who have not unsubscribed. One
 * set-based query for every agency. Demo and imported enquiries are left out, as for the nudges.
 */
export async function poolMembersToWriteTo(db: Db, now: Date) {
  return rows<PoolMember>(
    db,
    sql`select n.id, n.agency_id as "agencyId", n.enquiry_id as "enquiryId", n.steps_sent as "stepsSent",
               floor(extract(epoch from (${now.toISOString()}::timestamptz - n.joined_at)) / 86400)::int as "daysIn"
        from nurture_pool n
        join enquiries e on e.id = n.enquiry_id and e.agency_id = n.agency_id
        join people p on p.household_id = e.household_id and p.kind = 'applicant' and p.position = 1
        where n.left_at is null
          and e.stage in ('enquiry', 'initial_visit')
          and e.created_via not in ('demo', 'import')
          and p.email is not null and p.email_opt_out_at is null
          and (select c.granted from consents c where c.person_id = p.id and c.channel = 'email'
               order by c.recorded_at desc limit 1) is true`,
  );
}
