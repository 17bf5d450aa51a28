import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { batchRecordCounts } from './import-records.repo.ts';
import type { ImportMapping } from './import-types.ts';
import {
  discardFile,
  findBatch,
  findMapping,
  listBatches,
  listMappings,
  redactProblemValues,
  staleBatchIds,
  updateBatch,
  upsertMapping,
} from './imports.repo.ts';

/** Uploaded files not imported within this many days are deleted (they hold personal data). */
export const UNUSED_FILE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * One batch with its report (problems, duplicates, flags, gains), its counts, and, once imported,
 * how many records of each kind it wrote (households, people, enquiries, stage events, consents,
 * notes). Another agency's batch is not found.
 * @throws AppError('not_found')
 */
export async function getImportBatch(db: Db, actor: Actor, batchId: string) {
  const batch = await findBatch(db, actor.agencyId, batchId);
  if (!batch) throw notFound('The import');
  const wrote = ['importing', 'imported', 'failed'].includes(batch.status)
    ? await batchRecordCounts(db, batch.id)
    : null;
  return { ...batch, wrote };
}

/** The agency's imports, newest first (at most 100), without their reports. */
export async function listImportBatches(db: Db, actor: Actor) {
  return listBatches(db, actor.agencyId);
}

/**
 * Drops a batch that will not be imported: its file and planned rows are deleted (personal data)
 * and it is marked `failed` with the reason. Only before importing starts.
 * @throws AppError('not_found'); AppError('conflict') once importing has started.
 */
export async function discardImport(db: Db, actor: Actor, batchId: string) {
  const batch = await findBatch(db, actor.agencyId, batchId);
  if (!batch) throw notFound('The import');
  if (batch.status !== 'uploaded' && batch.status !== 'checked')
    throw new AppError('conflict', 'Only an import that has not started can be discarded.', {
      details: { status: batch.status },
    });
  await db.transaction(async (tx) => {
    await discardFile(tx, batch.id, new Date());
    await updateBatch(tx, batch.id, { status: 'failed', error: 'Discarded before importing.' });
  });
}

/**
 * Storage limitation (UK GDPR art. 5(1)(e)) for imports, for the nightly jobs: deletes the uploaded
 * file and planned rows of every batch left uploaded or checked for more than 30 days (any agency;
 * the batch stays, marked `failed`), and blanks the cell values quoted in the problems of every
 * report older than 30 days (row, column and message stay). Imported and rolled back batches lost
 * their file at once. Returns how many batches lost their file.
 */
export async function purgeUnusedImportFiles(db: Db, now = new Date()) {
  const before = new Date(now.getTime() - UNUSED_FILE_DAYS * DAY_MS);
  const ids = await staleBatchIds(db, before);
  for (const id of ids) {
    await db.transaction(async (tx) => {
      await discardFile(tx, id, now);
      await updateBatch(tx, id, {
        status: 'failed',
        error: `Not imported within ${UNUSED_FILE_DAYS} days: the file was deleted. Upload it again to import it.`,
      });
    });
  }
  await redactProblemValues(db, before);
  return ids.length;
}

const MAX_NAME = 100;

/**
 * Saves a confirmed mapping under a name for next month's file; saving again under the same name
 * replaces it. Names are trimmed, 1 to 100 characters.
 * @throws AppError('validation') on `name`.
 */
export async function saveImportMapping(db: Db, actor: Actor, name: string, mapping: ImportMapping) {
  const trimmed = name.trim();
  if (!trimmed) throw fieldError('name', 'Enter a name for this mapping, for example “Monthly tracker”');
  if (trimmed.length > MAX_NAME) throw fieldError('name', `The name must be ${MAX_NAME} characters or fewer`);
  return upsertMapping(db, { agencyId: actor.agencyId, name: trimmed, mapping, savedBy: actor.userId });
}

/** The agency's saved mappings by name (without the mappings themselves). */
export async function listImportMappings(db: Db, actor: Actor) {
  return listMappings(db, actor.agencyId);
}

/** A saved mapping by its name, or undefined. */
export async function findImportMapping(db: Db, actor: Actor, name: string) {
  return findMapping(db, actor.agencyId, name.trim());
}
