import { sql } from 'drizzle-orm';
import type { Db } from '../db/db-type.ts';
import { rows } from '../db/rows.ts';
import { uuidArray } from './retention.repo.ts';

/**
 * The data requests (subject access, erasure, transfer out: `data_requests`, subject-access/) about
 * these households that still hold something personal: the requester's details or an outcome text.
 * Read here by table name so that retention does not depend on the subject-access feature, which
 * depends on it.
 */
export function requestsHoldingDetails(db: Db, agencyId: string, householdIds: readonly string[]) {
  return rows<{ id: string; outcome: string | null; hasRequester: boolean }>(
    db,
    sql`select id, outcome, requester <> '{}'::jsonb as "hasRequester" from data_requests
        where agency_id = ${agencyId} and household_id = any(${uuidArray(householdIds)})
          and (requester <> '{}'::jsonb or outcome is not null)`,
  );
}

/** Clears a request's requester details and sets its outcome text (already redacted by the caller). */
export async function scrubRequest(db: Db, id: string, outcome: string | null) {
  await db.execute(
    sql`update data_requests set requester = '{}'::jsonb, outcome = ${outcome} where id = ${id}`,
  );
}
