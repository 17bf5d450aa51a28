import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/db-type.ts';
import { rows } from '../db/rows.ts';
import { legalHolds } from './retention.table.ts';
import { uuidArray } from './retention.repo.ts';

export type LegalHold = typeof legalHolds.$inferSelect;

export async function findActiveHold(db: Db, agencyId: string, householdId: string) {
  const [row] = await db
    .select()
    .from(legalHolds)
    .where(
      and(
        eq(legalHolds.agencyId, agencyId),
        eq(legalHolds.householdId, householdId),
        isNull(legalHolds.liftedAt),
      ),
    );
  return row ?? null;
}

/** The households among `householdIds` under a hold now. */
export async function heldHouseholds(db: Db, agencyId: string, householdIds: readonly string[]) {
  if (householdIds.length === 0) return new Set<string>();
  const found = await rows<{ householdId: string }>(
    db,
    sql`select household_id as "householdId" from ${legalHolds}
        where agency_id = ${agencyId} and lifted_at is null and household_id = any(${uuidArray(householdIds)})`,
  );
  return new Set(found.map((r) => r.householdId));
}

/** A new hold; null when one is already in force (the partial unique index decides, even under races). */
export async function insertHold(
  db: Db,
  values: { agencyId: string; householdId: string; reason: string; placedBy: string | null; placedAt: Date },
) {
  const [row] = await db.insert(legalHolds).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function liftHold(
  db: Db,
  agencyId: string,
  householdId: string,
  values: { liftedBy: string | null; liftedAt: Date; liftReason: string | null },
) {
  const [row] = await db
    .update(legalHolds)
    .set(values)
    .where(
      and(
        eq(legalHolds.agencyId, agencyId),
        eq(legalHolds.householdId, householdId),
        isNull(legalHolds.liftedAt),
      ),
    )
    .returning();
  return row ?? null;
}

/** Every hold of a household, newest first, with the names of the staff who placed and lifted them. */
export async function holdHistory(db: Db, agencyId: string, householdId: string) {
  const placer = sql`(select name from users where id = ${legalHolds.placedBy})`;
  const lifter = sql`(select name from users where id = ${legalHolds.liftedBy})`;
  return db
    .select({
      id: legalHolds.id,
      reason: legalHolds.reason,
      placedAt: legalHolds.placedAt,
      placedBy: sql<string | null>`${placer}`,
      liftedAt: legalHolds.liftedAt,
      liftedBy: sql<string | null>`${lifter}`,
      liftReason: legalHolds.liftReason,
    })
    .from(legalHolds)
    .where(and(eq(legalHolds.agencyId, agencyId), eq(legalHolds.householdId, householdId)))
    .orderBy(desc(legalHolds.placedAt));
}
