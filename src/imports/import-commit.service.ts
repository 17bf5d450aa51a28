import { getAgency } from '../agencies/agencies.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import type { Db } from '../db/client.ts';
import { firstContactDue } from '../enquiries/first-contact.ts';
import { inAreaOf } from '../households/households.service.ts';
import { refreshAgency } from '../metrics/metrics.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { insertImportRecords } from './import-records.repo.ts';
import { recordsOf, type RecordContext } from './import-records.ts';
import type { ImportReport } from './import-types.ts';
import {
  addImportedRows,
  claimForImport,
  deletePlannedRows,
  discardFile,
  findBatch,
  lockBatch,
  markFailed,
  nextPlannedRows,
  updateBatch,
  type ImportBatch,
} from './imports.repo.ts';

/** Rows written per transaction (issue 14: "resumable in chunks for large files"). */
export const IMPORT_CHUNK_ROWS = 500;

/** Told after each chunk commits: rows written so far of the rows the import writes. */
export type ImportProgress = (progress: { done: number; total: number }) => void | Promise<void>;

const resumable = ['checked', 'importing', 'failed'];

/**
 * Writes a checked batch's ready rows (those the dry run listed: no problems, and no likely
 * duplicates unless the person chose to include them), 500 rows per transaction. Each chunk's rows
 * leave the batch's work queue in the transaction that writes them, so an import interrupted at
 * any point (a crash, a lost connection, `progress` throwing) resumes where it stopped when
 * called again on the `importing` (or `failed`) batch, and writes each row exactly once.
 *
 * Imported history sends nothing: no welcome, no stage emails, no outbox row, no job (it does not
 * go through createEnquiry or transition(); the nudge sequence skips `created_via = 'import'`).
 * Afterwards the batch is `imported`, the uploaded file and planned rows are deleted, one audit
 * entry records the batch (no personal data), and the agency's report roll-ups are rebuilt in full
 * (refreshAgency), so every report shows the imported history as soon as this returns. Calling
 * it on an `imported` batch returns its report again.
 *
 * @throws AppError('not_found') for another agency's batch; AppError('conflict') for a batch not
 *   checked yet, with no row ready, discarded, or rolled back.
 */
export async function commitImport(
  db: Db,
  actor: Actor,
  batchId: string,
  progress?: ImportProgress,
): Promise<ImportReport> {
  const batch = await findBatch(db, actor.agencyId, batchId);
  if (!batch) throw notFound('The import');
  if (batch.status === 'imported') return batch.report!;
  assertImportable(batch);
  if (!(await claimForImport(db, batch.id))) {
    const now = (await findBatch(db, actor.agencyId, batchId))!;
    if (now.status === 'imported') return now.report!;
    throw new AppError('conflict', conflictMessage(now), { details: { status: now.status } });
  }
  const context = await recordContext(db, actor, batch);
  try {
    // Rows are written in the file's order: each chunk starts after the last row written.
    let after = 0;
    for (;;) {
      const written = await writeNextChunk(db, actor, batch.id, context, after);
      if (!written) break;
      after = written.lastRow;
      await progress?.({ done: written.done, total: written.total });
    }
  } catch (err) {
    // The rows of the chunk that failed were not written; the message names no one.
    await markFailed(
      db,
      batch.id,
      'The import stopped before it finished. Run it again to continue from where it stopped.',
    );
    throw err;
  }
  const report = await finish(db, actor, batch.id);
  await refreshAgency(db, actor.agencyId, { full: true });
  return report;
}

/** Checked (or interrupted) with rows ready; a conflict otherwise. */
function assertImportable(batch: ImportBatch) {
  if (!resumable.includes(batch.status))
    throw new AppError('conflict', conflictMessage(batch), { details: { status: batch.status } });
  if (batch.rowsReady === 0)
    throw new AppError(
      'conflict',
      'No row is ready to import: fix the problems in the file and check it again.',
      {
        details: { status: batch.status },
      },
    );
}

function conflictMessage(batch: ImportBatch) {
  if (batch.status === 'uploaded') return 'Check this import (the dry run) before importing it.';
  if (batch.filePurgedAt) return 'This import was discarded and its file deleted. Upload the file again.';
  return `This import is ${batch.status.replace('_', ' ')}: it cannot be imported again. Upload the file again.`;
}

/** What every chunk needs, read once before any transaction (PGlite has one connection). */
async function recordContext(db: Db, actor: Actor, batch: ImportBatch): Promise<Omit<RecordContext, 'now'>> {
  const calendar = await calendarFor(db);
  const area = (await getAgency(db, actor.agencyId))?.areaPostcodePrefixes ?? [];
  // Enquiries of one day share their due time: worked out once per day received.
  const dueByReceived = new Map<number, Date>();
  const dueFor = (receivedAt: Date) => {
    let due = dueByReceived.get(receivedAt.getTime());
    if (!due) dueByReceived.set(receivedAt.getTime(), (due = firstContactDue(receivedAt, calendar)));
    return due;
  };
  return {
    agencyId: actor.agencyId,
    batchId: batch.id,
    userId: actor.userId,
    fileName: batch.fileName,
    firstContactDue: dueFor,
    inArea: (postcode) => inAreaOf(area, postcode),
  };
}

/** One chunk in one transaction: how far the import has got, or undefined when nothing was left. */
async function writeNextChunk(
  db: Db,
  actor: Actor,
  batchId: string,
  context: Omit<RecordContext, 'now'>,
  afterRow: number,
) {
  return db.transaction(async (tx) => {
    // Held until commit: two imports of one batch at once take turns and never write a row twice.
    const locked = await lockBatch(tx, actor.agencyId, batchId);
    if (!locked || locked.status !== 'importing') return undefined;
    const planned = await nextPlannedRows(tx, batchId, afterRow, IMPORT_CHUNK_ROWS);
    if (planned.length === 0) return undefined;
    await insertImportRecords(tx, recordsOf(planned, { ...context, now: new Date() }));
    await deletePlannedRows(
      tx,
      batchId,
      planned.map((p) => p.row),
    );
    await addImportedRows(tx, batchId, planned.length);
    return {
      done: locked.rowsImported + planned.length,
      total: locked.rowsReady,
      lastRow: planned.at(-1)!.row,
    };
  });
}

/** Marks the batch imported, discards the file and the planned rows, and audits the batch once. */
async function finish(db: Db, actor: Actor, batchId: string) {
  return db.transaction(async (tx) => {
    const batch = (await lockBatch(tx, actor.agencyId, batchId))!;
    if (batch.status === 'imported') return batch.report!;
    // Rolled back while the last chunk was being written: nothing to finish.
    if (batch.status !== 'importing')
      throw new AppError('conflict', conflictMessage(batch), { details: { status: batch.status } });
    const importedAt = new Date();
    const report: ImportReport = { ...batch.report!, dryRun: false, imported: batch.rowsImported };
    await updateBatch(tx, batchId, { status: 'imported', importedAt, report });
    await discardFile(tx, batchId, importedAt);
    await recordAudit(tx, actor, {
      action: 'import.imported',
      entityType: 'import_batch',
      entityId: batchId,
      changes: { status: { from: 'checked', to: 'imported' }, rowsImported: { to: batch.rowsImported } },
    });
    return report;
  });
}
