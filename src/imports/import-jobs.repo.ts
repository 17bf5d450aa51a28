import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { importBatches } from './imports.table.ts';

/**
 * Whose a batch is, found by its id alone: a background job carries only the batch id (never the
 * agency, the file or its name), and acts for the batch's own agency.
 */
export async function batchOwner(db: Db, batchId: string) {
  const [owner] = await db
    .select({ agencyId: importBatches.agencyId, createdBy: importBatches.createdBy })
    .from(importBatches)
    .where(eq(importBatches.id, batchId));
  return owner;
}

/**
 * A checked (or stopped) batch handed to the background job: shown as importing from now on, so
 * its page shows progress rather than the Import button. False when it was not in such a state.
 */
export async function markQueued(db: Db, agencyId: string, batchId: string) {
  const moved = await db
    .update(importBatches)
    .set({ status: 'importing', error: null })
    .where(
      and(
        eq(importBatches.id, batchId),
        eq(importBatches.agencyId, agencyId),
        inArray(importBatches.status, ['checked', 'failed']),
      ),
    )
    .returning({ id: importBatches.id });
  return moved.length > 0;
}
