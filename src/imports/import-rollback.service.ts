import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { refreshAgency } from '../metrics/metrics.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import {
  batchBlockers,
  deleteBatchRecords,
  type BlockerKind,
  type BlockerRow,
} from './import-records.repo.ts';
import { discardFile, lockBatch, updateBatch } from './imports.repo.ts';

/** What blocks a rollback, in words for the batch page. */
export const blockerLabels: Record<BlockerKind, string> = {
  stage_events: 'Stage changes recorded since the import',
  notes: 'Notes added',
  contact_attempts: 'Contact attempts recorded',
  event_bookings: 'Places booked on information sessions or events',
  visits: 'Visits arranged',
  panel_cases: 'Panel bookings',
  messages: 'Emails written to the household',
  consents: 'Consent answers recorded since the import (including unsubscribes)',
  equality_monitoring: 'Equality monitoring answers',
  people_added: 'People added to the households',
  enquiries_added: 'New enquiries from the same households',
  households_changed: 'Household details changed',
  people_changed: 'People’s details changed',
  enquiries_changed: 'Enquiries changed (for example an officer assigned)',
};

export interface ImportBlocker extends BlockerRow {
  label: string;
}

/**
 * Removes everything an import wrote, in one transaction: households, people, enquiries, stage
 * events, consents and notes tagged with the batch (and deadline tasks the sweep made for them).
 * Refused, writing nothing, while anything else has touched those records since (see
 * `batchBlockers`): the person must undo that work first, or keep the import. Afterwards the batch
 * is `rolled_back`, its file (if still kept) is deleted, one audit entry records it, and the report
 * roll-ups are rebuilt in full, so every report is again as it was before the import.
 *
 * @throws AppError('not_found'); AppError('conflict') with `details.blockers` (ImportBlocker[]) when
 *   records were changed, or `details.status` when the batch is not imported.
 */
export async function rollbackImport(db: Db, actor: Actor, batchId: string) {
  const rolledBack = await db.transaction(async (tx) => {
    const batch = await lockBatch(tx, actor.agencyId, batchId);
    if (!batch) throw notFound('The import');
    // An import that stopped part way can be rolled back too; one that never wrote a row cannot.
    const wroteRows = batch.status === 'imported' || batch.rowsImported > 0;
    if (!wroteRows || !['imported', 'importing', 'failed'].includes(batch.status))
      throw new AppError(
        'conflict',
        `This import is ${batch.status.replace('_', ' ')}: there is nothing to roll back.`,
        {
          details: { status: batch.status },
        },
      );
    const blockers = (await batchBlockers(tx, actor.agencyId, batch.id)).map((b) => ({
      ...b,
      label: blockerLabels[b.kind],
    }));
    if (blockers.length)
      throw new AppError(
        'conflict',
        'This import cannot be rolled back: its households have been worked on since. Undo these changes first, or keep the import.',
        { details: { blockers } },
      );
    const counts = await deleteBatchRecords(tx, batch.id);
    const at = new Date();
    await updateBatch(tx, batch.id, { status: 'rolled_back', rolledBackAt: at, rolledBackBy: actor.userId });
    await discardFile(tx, batch.id, at);
    await recordAudit(tx, actor, {
      action: 'import.rolled_back',
      entityType: 'import_batch',
      entityId: batch.id,
      changes: { status: { from: batch.status, to: 'rolled_back' }, households: { to: counts.households } },
    });
    return counts;
  });
  await refreshAgency(db, actor.agencyId, { full: true });
  return { rolledBack };
}
