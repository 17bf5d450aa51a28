import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/deps.ts';
import { rows } from '../../src/db/rows.ts';
import { deleteHeld, holdSubmission, releaseHeld } from '../../src/public/held-submissions.service.ts';
import {
  claimIdempotencyKey,
  claimSubmission,
  dropAbandonedSubmission,
  dropStaleIdempotencyKey,
  releaseSubmission,
  sweepExpired,
} from '../../src/idempotency/idempotency.repo.ts';
import { useDbContext } from '../helpers/db-context.ts';

/** The data layer of "nothing lost", on PostgreSQL and PGlite alike. */
describe('held submissions and single-use claims', () => {
  const ctx = useDbContext();
  const form = (lastName: string) => ({
    firstName: 'Alex',
    lastName,
    email: `${lastName.toLowerCase()}@example.net`,
    postcode: 'NR3 1AA',
    transfer: 'no' as const,
  });
  const consent = { email: true, post: false, phone: false, sms: false };

  it('releases a held submission into one enquiry received when it was sent, once', async () => {
    const { database, agencyId, manager } = ctx();
    const sentAt = new Date(Date.now() - 3 * 86_400_000);
    const held = await holdSubmission(database.db, agencyId, 'too_fast', form('Heldone'), consent, sentAt);
    const deps = { db: database.db } as Pick<AppDeps, 'db' | 'queues'>;
    const enquiry = await releaseHeld(deps, manager, held.id);
    expect(enquiry.receivedAt.getTime()).toBe(sentAt.getTime());
    await expect(releaseHeld(deps, manager, held.id)).rejects.toMatchObject({ code: 'not_found' });
    const [n] = await rows<{ n: number; welcomes: number }>(
      database.db,
      sql`select (select count(*)::int from enquiries where id = ${enquiry.id}) as n,
                 (select count(*)::int from messages where enquiry_id = ${enquiry.id} and trigger = 'welcome') as welcomes`,
    );
    expect(n).toEqual({ n: 1, welcomes: 1 });

    const spam = await holdSubmission(database.db, agencyId, 'honeypot', form('Spamone'), consent);
    await deleteHeld(database.db, manager, spam.id);
    await expect(deleteHeld(database.db, manager, spam.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('claims a form token or an API key once; a freed token can be claimed again', async () => {
    const { database, manager } = ctx();
    expect(await claimSubmission(database.db, 'scope', 'token-1', 'h')).toBeTruthy();
    expect(await claimSubmission(database.db, 'scope', 'token-1', 'h')).toBeUndefined();
    expect(await claimSubmission(database.db, 'other-scope', 'token-1', 'h')).toBeTruthy();
    await releaseSubmission(database.db, 'scope', 'token-1');
    expect(await claimSubmission(database.db, 'scope', 'token-1', 'h')).toBeTruthy();
    expect(await claimIdempotencyKey(database.db, manager.userId, 'k', 'h')).toBeTruthy();
    expect(await claimIdempotencyKey(database.db, manager.userId, 'k', 'h')).toBeUndefined();
    // Fresh claims survive the housekeeping; claims older than the limits do not.
    await dropAbandonedSubmission(database.db, 'scope', 'token-1', 120);
    await dropStaleIdempotencyKey(database.db, manager.userId, 'k', 86_400, 120);
    await sweepExpired(database.db, 86_400);
    expect(await claimSubmission(database.db, 'scope', 'token-1', 'h')).toBeUndefined();
    expect(await claimIdempotencyKey(database.db, manager.userId, 'k', 'h')).toBeUndefined();
    await database.db.execute(sql`update idempotency_keys set created_at = now() - interval '3 minutes'`);
    await database.db.execute(sql`update submission_tokens set created_at = now() - interval '3 minutes'`);
    await dropAbandonedSubmission(database.db, 'scope', 'token-1', 120);
    await dropStaleIdempotencyKey(database.db, manager.userId, 'k', 86_400, 120);
    expect(await claimSubmission(database.db, 'scope', 'token-1', 'h')).toBeTruthy();
    expect(await claimIdempotencyKey(database.db, manager.userId, 'k', 'h')).toBeTruthy();
    await database.db.execute(sql`update submission_tokens set created_at = now() - interval '25 hours'`);
    await sweepExpired(database.db, 86_400);
    expect(await claimSubmission(database.db, 'other-scope', 'token-1', 'h')).toBeTruthy();
  });
});
