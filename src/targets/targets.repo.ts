import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { targets } from './targets.table.ts';

export async function listTargets(db: Db, agencyId: string) {
  return db
    .select()
    .from(targets)
    .where(eq(targets.agencyId, agencyId))
    .orderBy(desc(targets.year), asc(targets.kind));
}

export async function findTarget(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(targets)
    .where(and(eq(targets.agencyId, agencyId), eq(targets.id, id)));
  return row;
}

/** One target per agency, kind and year: setting it again changes the number. */
export async function upsertTarget(db: Db, values: typeof targets.$inferInsert) {
  const [row] = await db
    .insert(targets)
    .values(values)
    .onConflictDoUpdate({
      target: [targets.agencyId, targets.kind, targets.year],
      set: { carers: values.carers, setBy: values.setBy, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

export async function deleteTarget(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .delete(targets)
    .where(and(eq(targets.agencyId, agencyId), eq(targets.id, id)))
    .returning();
  return row;
}
