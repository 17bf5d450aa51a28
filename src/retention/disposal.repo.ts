import { sql } from 'drizzle-orm';
import type { Db } from '../db/db-type.ts';
import { rows } from '../db/rows.ts';
import { disposalDecisions, type DisposalDecision } from './retention.table.ts';
import { uuidArray } from './retention.repo.ts';

export interface LatestDecision {
  householdId: string;
  decision: DisposalDecision;
  keepUntil: string;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string;
}

/** Each household's latest disposal decision, if any. */
export async function latestDecisions(db: Db, agencyId: string, householdIds: readonly string[]) {
  if (householdIds.length === 0) return new Map<string, LatestDecision>();
  const found = await rows<LatestDecision>(
    db,
    sql`select distinct on (d.household_id) d.household_id as "householdId", d.decision,
          d.keep_until::text as "keepUntil", d.reason, u.name as "decidedBy", to_json(d.decided_at) #>> '{}' as "decidedAt"
        from ${disposalDecisions} d left join users u on u.id = d.decided_by
        where d.agency_id = ${agencyId} and d.household_id = any(${uuidArray(householdIds)})
        order by d.household_id, d.decided_at desc, d.id desc`,
  );
  return new Map(found.map((d) => [d.householdId, d]));
}

export async function insertDecision(db: Db, values: typeof disposalDecisions.$inferInsert) {
  await db.insert(disposalDecisions).values(values);
}

/** What a manager needs to review a household: its people's names and its latest enquiry (the reference). */
export async function reviewDetails(db: Db, agencyId: string, householdIds: readonly string[]) {
  if (householdIds.length === 0) return new Map<string, { names: string; enquiryId: string | null }>();
  const found = await rows<{ householdId: string; names: string | null; enquiryId: string | null }>(
    db,
    sql`select h.id as "householdId",
          (select string_agg(p.first_name || ' ' || p.last_name, ' and ' order by p.position, p.created_at)
             from people p where p.household_id = h.id and p.kind = 'applicant') as names,
          (select e.id from enquiries e where e.household_id = h.id order by e.received_at desc limit 1) as "enquiryId"
        from households h where h.agency_id = ${agencyId} and h.id = any(${uuidArray(householdIds)})`,
  );
  return new Map(found.map((r) => [r.householdId, { names: r.names ?? '', enquiryId: r.enquiryId }]));
}

/**
 * Locks the households' rows until the transaction ends, so a legal hold placed at the same moment
 * waits for the anonymisation (or the anonymisation sees the hold).
 */
export async function lockHouseholds(db: Db, agencyId: string, householdIds: readonly string[]) {
  if (householdIds.length === 0) return;
  await db.execute(
    sql`select id from households where agency_id = ${agencyId} and id = any(${uuidArray(householdIds)})
        order by id for update`,
  );
}
