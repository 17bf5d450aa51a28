import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { workerChecks } from './worker-checks.table.ts';

export async function insertWorkerCheck(db: Db, agencyId: string, requestedBy: string) {
  const [row] = await db.insert(workerChecks).values({ agencyId, requestedBy }).returning();
  return row!;
}

/** Marks a check complete; false if it was already complete or does not exist. */
export async function completeWorkerCheck(db: Db, id: string) {
  const done = await db
    .update(workerChecks)
    .set({ completedAt: new Date() })
    .where(and(eq(workerChecks.id, id), isNull(workerChecks.completedAt)))
    .returning({ id: workerChecks.id });
  return done.length > 0;
}

export async function latestWorkerCheck(db: Db, agencyId: string) {
  const [row] = await db
    .select()
    .from(workerChecks)
    .where(eq(workerChecks.agencyId, agencyId))
    .orderBy(desc(workerChecks.requestedAt))
    .limit(1);
  return row;
}
