import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import { generatePassword, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { revokeApiTokensOfUser } from '../auth/api-tokens.repo.ts';
import { deleteSessionsOfUser } from '../auth/sessions.repo.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import type { Role } from '../shared/roles.ts';
import type { CreateUserInput } from './users.schema.ts';
import { findPasswordHash, findUser, insertUser, listUsers, updateUser } from './users.repo.ts';

/** How long a one-time password works: long enough to pass it on, short enough to be useless in an old log. */
export const ONE_TIME_PASSWORD_HOURS = 24;
const oneTimeExpiry = () => new Date(Date.now() + ONE_TIME_PASSWORD_HOURS * 3600_000);

/**
 * Creates a user in the actor's agency. Without a password a one-time password is generated,
 * returned once, works for ONE_TIME_PASSWORD_HOURS and must be changed at first sign-in.
 * `options.active: false` creates the account switched off (an administrator can switch it on).
 */
export async function createUser(
  db: Db,
  actor: Actor,
  input: CreateUserInput,
  password?: string,
  options: { active?: boolean } = {},
) {
  const oneTime = password === undefined;
  const plain = password ?? generatePassword();
  const passwordHash = await hashPassword(plain);
  return db.transaction(async (tx) => {
    const user = await insertUser(tx, {
      agencyId: actor.agencyId,
      name: input.name,
      email: input.email,
      role: input.role,
      passwordHash,
      mustChangePassword: oneTime,
      passwordExpiresAt: oneTime ? oneTimeExpiry() : null,
      active: options.active ?? true,
    });
    if (!user) throw fieldError('email', 'A user with this email address already exists');
    await recordAudit(tx, actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      changes: changesBetween(null, { name: user.name, email: user.email, role: user.role }),
    });
    return { user, password: oneTime ? plain : undefined };
  });
}

export async function changeRoleOrStatus(
  db: Db,
  actor: Actor,
  userId: string,
  values: { role?: Role; active?: boolean },
) {
  if (userId === actor.userId && (values.active === false || (values.role && values.role !== 'admin'))) {
    throw new AppError('conflict', 'You cannot remove your own administrator access.');
  }
  return db.transaction(async (tx) => {
    const before = await findUser(tx, actor.agencyId, userId);
    if (!before) throw notFound('User');
    const after = await updateUser(tx, actor.agencyId, userId, values);
    // A deactivated user's credentials all end, so reactivating does not revive old API tokens.
    if (values.active === false) await endAllAccess(tx, userId);
    await recordAudit(tx, actor, {
      action: 'user.updated',
      entityType: 'user',
      entityId: userId,
      changes: changesBetween(
        { role: before.role, active: before.active },
        { role: after!.role, active: after!.active },
      ),
    });
    return after!;
  });
}

/** Ends every credential of a user: browser sessions and API tokens alike. */
async function endAllAccess(tx: Db, userId: string) {
  await deleteSessionsOfUser(tx, userId);
  await revokeApiTokensOfUser(tx, userId, new Date());
}

/**
 * Resets to a new one-time password (shown once to the administrator) and ends all the user's
 * access: sessions and API tokens (a reset usually means the account may be in other hands).
 */
export async function resetPassword(db: Db, actor: Actor, userId: string) {
  const plain = generatePassword();
  const passwordHash = await hashPassword(plain);
  await db.transaction(async (tx) => {
    const user = await updateUser(tx, actor.agencyId, userId, {
      passwordHash,
      mustChangePassword: true,
      passwordExpiresAt: oneTimeExpiry(),
    });
    if (!user) throw notFound('User');
    await endAllAccess(tx, userId);
    await recordAudit(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: userId });
  });
  return plain;
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor & { userId: string },
  input: { currentPassword: string; newPassword: string },
) {
  const ok = await verifyPassword(await findPasswordHash(db, actor.userId), input.currentPassword);
  if (!ok) throw fieldError('currentPassword', 'Your current password is not correct');
  if (input.currentPassword === input.newPassword) {
    throw fieldError('newPassword', 'Choose a password that is different from your current one');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUser(tx, actor.agencyId, actor.userId, {
      passwordHash,
      mustChangePassword: false,
      passwordExpiresAt: null,
    });
    await recordAudit(tx, actor, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
}

/** The agency's active staff (for choosing an officer, an owner or event staff). */
export async function activeUsers(db: Db, agencyId: string) {
  return listUsers(db, agencyId, { activeOnly: true });
}
