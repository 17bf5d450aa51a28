import type { Redis } from 'ioredis';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { clientKey, RateLimiter } from '../infra/rate-limit.ts';
import { emailKey } from '../users/email-key.ts';
import { findUserForSignIn, updateUser } from '../users/users.repo.ts';
import { findUserByTokenHashCached, insertApiToken, touchApiToken } from './api-tokens.repo.ts';
import { verifyPassword } from './passwords.ts';
import { deleteSession, findActiveSession, insertSession, updateSession } from './sessions.repo.ts';
import { randomToken, sha256 } from '../shared/tokens.ts';

export const SESSION_HOURS = 10; // a working day, then sign in again
const FAILURES_PER_EMAIL = { max: 10, windowSeconds: 15 * 60 };
const ATTEMPTS_PER_IP = { max: 100, windowSeconds: 15 * 60 };

const ONE_TIME_EXPIRED = 'This one-time password has expired. Ask an administrator to reset your password';

interface SignInDeps {
  db: Db;
  redis: Redis;
  logger: Logger;
  queues: { prefix: string };
}

/**
 * Checks the credentials and opens a new session (a new id every time: session rotation).
 * The previous session, if any, is ended. Returns the cookie token, shown to no one else.
 */
export async function signIn(
  deps: SignInDeps,
  input: { email: string; password: string; ip: string; previousToken?: string; requestId?: string },
) {
  const limiter = new RateLimiter(deps.redis, deps.logger, `${deps.queues.prefix}:rl:`);
  // The same normal form as the account lookup below, so a change of letter case is no fresh start.
  const failuresKey = `signin:email:${sha256(emailKey(input.email))}`;
  const ipOk = await limiter.hit({ key: `signin:ip:${clientKey(input.ip)}`, ...ATTEMPTS_PER_IP });
  if (!ipOk || (await limiter.exceeded({ key: failuresKey, ...FAILURES_PER_EMAIL }))) {
    throw new AppError('rate_limited', 'Too many sign-in attempts. Wait 15 minutes, then try again.');
  }

  const user = await findUserForSignIn(deps.db, input.email);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok || !user.active) {
    await limiter.hit({ key: failuresKey, ...FAILURES_PER_EMAIL });
    throw new AppError('unauthenticated', 'Enter a correct email address and password', {
      issues: [{ path: 'email', message: 'Enter a correct email address and password' }],
    });
  }
  await limiter.reset(failuresKey);
  // Told only to someone who knows the password, so it reveals nothing to a guesser.
  if (user.passwordExpiresAt && user.passwordExpiresAt.getTime() <= Date.now()) {
    throw new AppError('unauthenticated', ONE_TIME_EXPIRED, {
      issues: [{ path: 'password', message: ONE_TIME_EXPIRED }],
    });
  }

  const token = randomToken();
  await deps.db.transaction(async (tx) => {
    if (input.previousToken) await deleteSession(tx, sha256(input.previousToken));
    await insertSession(tx, {
      idHash: sha256(token),
      userId: user.id,
      csrfToken: randomToken(),
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
    });
    await updateUser(tx, user.agencyId, user.id, { lastSignInAt: new Date() });
    await recordAudit(
      tx,
      { agencyId: user.agencyId, userId: user.id, role: user.role, requestId: input.requestId },
      { action: 'user.signed_in', entityType: 'user', entityId: user.id },
    );
  });
  return { token, mustChangePassword: user.mustChangePassword };
}

export const signOut = (db: Db, token: string) => deleteSession(db, sha256(token));

export const loadSession = (db: Db, token: string) => findActiveSession(db, sha256(token), new Date());

export const setFlash = (db: Db, token: string, flash: Record<string, unknown> | null) =>
  updateSession(db, sha256(token), { flash });

/** Creates an API token for a user; the plain token is returned once and never stored. */
export async function createApiToken(db: Db, actor: Actor, userId: string, label: string) {
  const token = randomToken('crm_');
  await db.transaction(async (tx) => {
    const { id } = await insertApiToken(tx, { userId, tokenHash: sha256(token), label });
    await recordAudit(tx, actor, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: id,
      changes: { label: { to: label }, userId: { to: userId } },
    });
  });
  return token;
}

/**
 * The user an API token belongs to, or undefined (unknown, revoked, user deactivated). Looked up
 * through a short per-process cache (api-tokens.repo.ts: TOKEN_CACHE_TTL_MS, cleared at once in this
 * process by revocation and user changes).
 */
export async function authenticateApiToken(db: Db, token: string) {
  const found = await findUserByTokenHashCached(db, sha256(token));
  if (!found) return undefined;
  // Record use at most once a minute: a busy integration must not turn every read into a write.
  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
    // The cached row too, so the requests of the next minute do not write it again.
    found.lastUsedAt = now;
    await touchApiToken(db, found.tokenId, now);
  }
  return found.user;
}
