import { and, asc, eq, sql } from 'drizzle-orm';
import { forgetCachedTokens } from '../auth/api-tokens.repo.ts';
import type { Db } from '../db/client.ts';
import { emailKey } from './email-key.ts';
import type { Role } from '../shared/roles.ts';
import { users } from './users.table.ts';

/** Columns safe to hand to views and APIs (never the password hash). */
const publicColumns = {
  id: users.id,
  agencyId: users.agencyId,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
};
export type UserRow = Awaited<ReturnType<typeof findUser>> & {};

/** The user with this address, however it was typed (see emailKey). */
export async function findUserForSignIn(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${emailKey(email)}`);
  return row;
}

export async function findUser(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select(publicColumns)
    .from(users)
    .where(and(eq(users.agencyId, agencyId), eq(users.id, id)));
  return row;
}

export async function findPasswordHash(db: Db, id: string) {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
  return row?.hash;
}

export async function listUsers(
  db: Db,
  agencyId: string,
  options: { role?: Role; activeOnly?: boolean } = {},
) {
  const conditions = [eq(users.agencyId, agencyId)];
  if (options.role) conditions.push(eq(users.role, options.role));
  if (options.activeOnly) conditions.push(eq(users.active, true));
  return db
    .select(publicColumns)
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.name));
}

export async function insertUser(db: Db, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning(publicColumns);
  return row;
}

export async function updateUser(
  db: Db,
  agencyId: string,
  id: string,
  values: Partial<
    Pick<
      typeof users.$inferInsert,
      | 'name'
      | 'role'
      | 'active'
      | 'passwordHash'
      | 'mustChangePassword'
      | 'passwordExpiresAt'
      | 'lastSignInAt'
    >
  >,
) {
  // A role, name or active change alters what the user's API tokens grant.
  forgetCachedTokens();
  const [row] = await db
    .update(users)
    .set(values)
    .where(and(eq(users.agencyId, agencyId), eq(users.id, id)))
    .returning(publicColumns);
  forgetCachedTokens(); // again once written (see api-tokens.repo.ts)
  return row;
}

export async function countUsers(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row!.n;
}
