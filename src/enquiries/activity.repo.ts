import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../users/users.table.ts';
import { contactAttempts, notes } from './activity.table.ts';

export async function insertContactAttempt(db: Db, values: typeof contactAttempts.$inferInsert) {
  const [row] = await db.insert(contactAttempts).values(values).returning();
  return row!;
}

export async function contactAttemptsOf(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({
      id: contactAttempts.id,
      at: contactAttempts.at,
      method: contactAttempts.method,
      outcome: contactAttempts.outcome,
      note: contactAttempts.note,
      by: sql<string>`coalesce(${users.name}, 'system')`,
    })
    .from(contactAttempts)
    .leftJoin(users, eq(users.id, contactAttempts.recordedBy))
    .where(and(eq(contactAttempts.agencyId, agencyId), eq(contactAttempts.enquiryId, enquiryId)))
    .orderBy(asc(contactAttempts.at));
}

export async function insertNote(db: Db, values: typeof notes.$inferInsert) {
  const [row] = await db.insert(notes).values(values).returning();
  return row!;
}

export async function notesOf(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({
      id: notes.id,
      body: notes.body,
      createdAt: notes.createdAt,
      by: sql<string>`coalesce(${users.name}, ${notes.authorLabel}, 'system')`,
    })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .where(and(eq(notes.agencyId, agencyId), eq(notes.enquiryId, enquiryId)))
    .orderBy(asc(notes.createdAt));
}
