import type { Db } from '../db/db-type.ts';
import { personKeys } from '../shared/identity.ts';
import { peopleWithoutKeys, setPeopleKeys } from './households.repo.ts';

const BATCH = 1000;

/**
 * Fills the identity keys of people written before migration 0008 (see that migration for why this
 * is not SQL). Idempotent, and cheap when there is nothing to do (one probe of an empty partial
 * index): Database.migrate() runs it after every migration run. Returns how many rows it keyed.
 */
export async function backfillIdentityKeys(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await peopleWithoutKeys(db, BATCH);
    if (batch.length === 0) return done;
    await setPeopleKeys(
      db,
      batch.map((p) => ({ id: p.id, ...personKeys(p) })),
    );
    done += batch.length;
  }
}
