import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { idempotencyKeys, submissionTokens } from './idempotency.table.ts';

export type SubmissionRow = typeof submissionTokens.$inferSelect;
export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** Claims a form's token; undefined when it is already taken (the unique key decides, never a prior read). */
export async function claimSubmission(db: Db, scope: string, token: string, requestHash: string) {
  const [row] = await db
    .insert(submissionTokens)
    .values({ scope, token, requestHash })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function findSubmission(db: Db, scope: string, token: string) {
  const [row] = await db
    .select()
    .from(submissionTokens)
    .where(and(eq(submissionTokens.scope, scope), eq(submissionTokens.token, token)));
  return row;
}

export async function completeSubmission(
  db: Db,
  scope: string,
  token: string,
  outcome: { status: number; location: string | null },
) {
  await db
    .update(submissionTokens)
    .set({ state: 'done', responseStatus: outcome.status, location: outcome.location })
    .where(and(eq(submissionTokens.scope, scope), eq(submissionTokens.token, token)));
}

/** Frees a token whose post failed (an error page), so the corrected form can be sent with it. */
export async function releaseSubmission(db: Db, scope: string, token: string) {
  await db
    .delete(submissionTokens)
    .where(and(eq(submissionTokens.scope, scope), eq(submissionTokens.token, token)));
}

/** Removes a claim still pending after `olderThanSeconds` (its process died), so it can be claimed again. */
export async function dropAbandonedSubmission(
  db: Db,
  scope: string,
  token: string,
  olderThanSeconds: number,
) {
  await db
    .delete(submissionTokens)
    .where(
      and(
        eq(submissionTokens.scope, scope),
        eq(submissionTokens.token, token),
        eq(submissionTokens.state, 'pending'),
        lt(submissionTokens.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
      ),
    );
}

/** Claims an API idempotency key; undefined when the caller already used it. */
export async function claimIdempotencyKey(db: Db, userId: string, key: string, requestHash: string) {
  const [row] = await db
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function findIdempotencyKey(db: Db, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
}

export async function completeIdempotencyKey(
  db: Db,
  userId: string,
  key: string,
  response: { status: number; body: unknown },
) {
  await db
    .update(idempotencyKeys)
    .set({ state: 'done', responseStatus: response.status, responseBody: response.body ?? null })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

export async function releaseIdempotencyKey(db: Db, userId: string, key: string) {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/**
 * Deletes this caller's key if it has expired (older than `ttlSeconds`), or if it is still in flight
 * after `abandonedSeconds` (the process handling it died).
 */
export async function dropStaleIdempotencyKey(
  db: Db,
  userId: string,
  key: string,
  ttlSeconds: number,
  abandonedSeconds: number,
) {
  await db.execute(sql`
    delete from idempotency_keys where user_id = ${userId} and key = ${key}
      and (created_at < now() - make_interval(secs => ${ttlSeconds})
        or (state = 'in_flight' and created_at < now() - make_interval(secs => ${abandonedSeconds})))`);
}

/** Housekeeping: forgets tokens and keys older than `ttlSeconds`. */
export async function sweepExpired(db: Db, ttlSeconds: number) {
  await db.execute(
    sql`delete from submission_tokens where created_at < now() - make_interval(secs => ${ttlSeconds})`,
  );
  await db.execute(
    sql`delete from idempotency_keys where created_at < now() - make_interval(secs => ${ttlSeconds})`,
  );
}
