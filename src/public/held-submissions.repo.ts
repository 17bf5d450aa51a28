import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { heldSubmissions } from './held-submissions.table.ts';

export type HeldSubmission = typeof heldSubmissions.$inferSelect;

export async function insertHeldSubmission(db: Db, row: typeof heldSubmissions.$inferInsert) {
  const [held] = await db.insert(heldSubmissions).values(row).returning();
  return held!;
}

/** Oldest first: the longest-waiting person is reviewed first. */
export function listHeldSubmissions(db: Db, agencyId: string, limit = 200) {
  return db
    .select()
    .from(heldSubmissions)
    .where(eq(heldSubmissions.agencyId, agencyId))
    .orderBy(heldSubmissions.receivedAt, desc(heldSubmissions.id))
    .limit(limit);
}

/** Takes one held submission out of the list; undefined when another person already did. */
export async function takeHeldSubmission(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .delete(heldSubmissions)
    .where(and(eq(heldSubmissions.agencyId, agencyId), eq(heldSubmissions.id, id)))
    .returning();
  return row;
}

/** How many are held now, and how many were released and deleted in the last `days` days (from the audit log). */
export async function heldCounts(db: Db, agencyId: string, days = 30) {
  const [counts] = await rows<{ held: number; released: number; deleted: number }>(
    db,
    sql`select
      (select count(*)::int from held_submissions where agency_id = ${agencyId}) as held,
      (select count(*)::int from audit_events where agency_id = ${agencyId} and action = 'held_submission.released'
         and at > now() - make_interval(days => ${days})) as released,
      (select count(*)::int from audit_events where agency_id = ${agencyId} and action = 'held_submission.deleted'
         and at > now() - make_interval(days => ${days})) as deleted`,
  );
  return counts!;
}
