import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../users/users.table.ts';
import { sessions } from './sessions.table.ts';

export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

/** The session and its user, if the session is unexpired and the user still active. */
export async function findActiveSession(db: Db, idHash: string, now: Date) {
  const [row] = await db
    .select({
      idHash: sessions.idHash,
      csrfToken: sessions.csrfToken,
      flash: sessions.flash,
      expiresAt: sessions.expiresAt,
      user: {
        id: users.id,
        agencyId: users.agencyId,
        name: users.name,
        email: users.email,
        role: users.role,
        mustChangePassword: users.mustChangePassword,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), eq(users.active, true)));
  return row;
}

export async function updateSession(
  db: Db,
  idHash: string,
  values: Partial<Pick<typeof sessions.$inferInsert, 'flash' | 'expiresAt'>>,
) {
  await db.update(sessions).set(values).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptIdHash?: string) {
  const conditions = [eq(sessions.userId, userId)];
  if (exceptIdHash) conditions.push(ne(sessions.idHash, exceptIdHash));
  await db.delete(sessions).where(and(...conditions));
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
