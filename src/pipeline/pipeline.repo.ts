import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { contactAttempts } from '../enquiries/activity.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { users } from '../users/users.table.ts';
import { stageEvents } from './stage-events.table.ts';
import type { Stage } from './stages.ts';

/** What a move needs to know of the household: where it is, since when, and the version it was read at. */
export async function currentStage(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select({
      id: enquiries.id,
      stage: enquiries.stage,
      stageSince: enquiries.stageSince,
      version: enquiries.version,
      createdVia: enquiries.createdVia,
    })
    .from(enquiries)
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, id)));
  return row;
}

export async function insertStageEvent(db: Db, values: typeof stageEvents.$inferInsert) {
  const [row] = await db.insert(stageEvents).values(values).returning();
  return row!;
}

export async function stageHistory(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({
      id: stageEvents.id,
      fromStage: stageEvents.fromStage,
      stage: stageEvents.stage,
      at: stageEvents.at,
      reason: stageEvents.reason,
      note: stageEvents.note,
      recordedAt: stageEvents.recordedAt,
      by: sql<string>`coalesce(${users.name}, ${stageEvents.recordedByLabel}, 'system')`,
    })
    .from(stageEvents)
    .leftJoin(users, eq(users.id, stageEvents.recordedBy))
    .where(and(eq(stageEvents.agencyId, agencyId), eq(stageEvents.enquiryId, enquiryId)))
    .orderBy(asc(stageEvents.at), asc(stageEvents.id));
}

/**
 * The guarded write of the state machine: moves only if the enquiry is still at `from` and
 * unchanged since it was read (`version`). Returns undefined when another change won.
 */
export async function moveStage(
  db: Db,
  move: { agencyId: string; id: string; from: Stage; version: number; to: Stage; at: Date },
) {
  const [row] = await db
    .update(enquiries)
    .set({
      stage: move.to,
      stageSince: move.at,
      version: sql`${enquiries.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(enquiries.id, move.id),
        eq(enquiries.agencyId, move.agencyId),
        eq(enquiries.stage, move.from),
        eq(enquiries.version, move.version),
      ),
    )
    .returning({ id: enquiries.id, version: enquiries.version });
  return row;
}

/** Counts per stage for the agency (or one officer's caseload). */
export async function stageCounts(db: Db, agencyId: string, officerId?: string) {
  const conditions = [eq(enquiries.agencyId, agencyId)];
  if (officerId) conditions.push(eq(enquiries.assignedOfficerId, officerId));
  const rows = await db
    .select({ stage: enquiries.stage, n: sql<number>`count(*)::int` })
    .from(enquiries)
    .where(and(...conditions))
    .groupBy(enquiries.stage);
  return Object.fromEntries(rows.map((r) => [r.stage, r.n])) as Partial<Record<Stage, number>>;
}

/** Contact attempts recorded so far: closing for no response needs enough of them. */
export async function countContactAttempts(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contactAttempts)
    .where(and(eq(contactAttempts.agencyId, agencyId), eq(contactAttempts.enquiryId, enquiryId)));
  return row!.n;
}
