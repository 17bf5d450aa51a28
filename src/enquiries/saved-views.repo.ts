import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { savedViews } from './saved-views.table.ts';

export async function listSavedViews(db: Db, userId: string) {
  return db.select().from(savedViews).where(eq(savedViews.userId, userId)).orderBy(asc(savedViews.name));
}

/** Saves (or replaces, by name) one of the user's views. */
export async function upsertSavedView(
  db: Db,
  values: { agencyId: string; userId: string; name: string; query: string },
) {
  await db
    .insert(savedViews)
    .values(values)
    .onConflictDoUpdate({ target: [savedViews.userId, savedViews.name], set: { query: values.query } });
}

export async function deleteSavedView(db: Db, userId: string, id: string) {
  await db.delete(savedViews).where(and(eq(savedViews.userId, userId), eq(savedViews.id, id)));
}
