import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ProcessCache } from '../shared/process-cache.ts';
import { users } from '../users/users.table.ts';
import { apiTokens } from './api-tokens.table.ts';

/**
 * How long a process trusts a token it has already looked up (ms). Revoking a token, resetting a
 * password, deactivating a user or changing a role clears this process's cache at once (the
 * repository functions below and updateUser call `forgetCachedTokens`); another process (a second
 * web process) may accept a just-revoked token for at most this long. Short, because it is access;
 * long enough that a busy integration's requests mostly skip the lookup (issue 19).
 */
export const TOKEN_CACHE_TTL_MS = 5_000;
/** Beyond this many cached tokens the cache starts again (it holds only tokens that were valid). */
const MAX_CACHED_TOKENS = 1_000;
type TokenRow = Awaited<ReturnType<typeof findUserByTokenHash>>;
const tokenCache = new ProcessCache<TokenRow>(TOKEN_CACHE_TTL_MS);
let cachedTokens = 0;

/** Drops every cached token lookup: called by every write that can change what a token grants. */
export const forgetCachedTokens = () => {
  cachedTokens = 0;
  tokenCache.forget();
};

/**
 * `findUserByTokenHash` through the per-process cache. Unknown, revoked or deactivated tokens are
 * not kept (a token created a moment later works at once, and guessing fills nothing).
 */
export async function findUserByTokenHashCached(db: Db, tokenHash: string) {
  if (++cachedTokens > MAX_CACHED_TOKENS) forgetCachedTokens();
  const row = await tokenCache.get(tokenHash, () => findUserByTokenHash(db, tokenHash));
  if (!row) tokenCache.forget(tokenHash);
  return row;
}

export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning({ id: apiTokens.id });
  return row!;
}

export async function findUserByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      user: {
        id: users.id,
        agencyId: users.agencyId,
        name: users.name,
        email: users.email,
        role: users.role,
      },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.active, true)));
  return row;
}

export async function touchApiToken(db: Db, id: string, at: Date) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, userId: string, id: string, at: Date) {
  forgetCachedTokens();
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  forgetCachedTokens();
  return rows.length > 0;
}

/** Revokes every live token of a user (password reset, deactivation); returns how many. */
export async function revokeApiTokensOfUser(db: Db, userId: string, at: Date) {
  forgetCachedTokens();
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  forgetCachedTokens();
  return rows.length;
}
