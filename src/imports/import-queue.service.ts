import type { AppDeps } from '../deps.ts';
import { enqueue } from '../jobs/queues.ts';
import type { Progress } from '../jobs/contracts.ts';
import { queueMetricsCatchUp } from '../metrics/metrics-trigger.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { ImportMapping, ImportReport, ProposedMapping } from './import-types.ts';
import { batchOwner, markQueued } from './import-jobs.repo.ts';
import { getImportBatch } from './import-batches.service.ts';
import { commitImport } from './import-commit.service.ts';
import { checkImport, uploadImport } from './import.service.ts';

/**
 * Files with more rows ready than this are imported by a background job (BullMQ, `import-batch`)
 * rather than while the person or the API client waits: 5,000 rows take a few seconds to plan and
 * check, and much longer to write with every stage event.
 */
export const LARGE_IMPORT_ROWS = 5_000;

export type ImportStart = { queued: true; batchId: string } | { queued: false; report: ImportReport };

/** The job id of a batch's import: adding it twice (a double click, a retry) queues it once. */
const jobIdOf = (batchId: string) => `import-batch-${batchId}`;

/**
 * Imports a checked batch: now, when it is small, or in the background when it has more than
 * LARGE_IMPORT_ROWS rows ready (the batch shows as importing at once, and its page shows progress).
 * A batch that stopped part-way (status `failed`) carries on where it stopped.
 * @throws AppError('conflict') when the batch is not checked (or stopped): nothing to import.
 */
export async function importOrQueue(
  deps: Pick<AppDeps, 'db' | 'queues'>,
  actor: Actor,
  batchId: string,
  /** Rows ready above which the job imports (LARGE_IMPORT_ROWS; tests lower it). */
  backgroundAbove = LARGE_IMPORT_ROWS,
): Promise<ImportStart> {
  const batch = await getImportBatch(deps.db, actor, batchId);
  if (batch.rowsReady - batch.rowsImported > backgroundAbove) {
    if (!(await markQueued(deps.db, actor.agencyId, batchId)) && batch.status !== 'importing') {
      throw new AppError('conflict', 'This import has no rows waiting to be imported.');
    }
    await enqueue(deps.queues, 'import-batch', { batchId }, { jobId: jobIdOf(batchId) });
    return { queued: true, batchId };
  }
  return { queued: false, report: await commitImport(deps.db, actor, batchId) };
}

/**
 * The background job's work: writes the batch's remaining rows in chunks (resuming where a stopped
 * run left off), reporting progress, then asks the report figures to catch up. Acts for the
 * batch's own agency, in the name of the person who uploaded it. 'skipped' for a batch that no
 * longer exists (deleted with its agency).
 */
export async function runQueuedImport(
  deps: Pick<AppDeps, 'db' | 'queues' | 'logger'>,
  batchId: string,
  progress: Progress,
): Promise<ImportReport | undefined> {
  const owner = await batchOwner(deps.db, batchId);
  if (!owner) return undefined;
  const actor: Actor = { agencyId: owner.agencyId, userId: owner.createdBy, role: null, label: 'import' };
  const report = await commitImport(deps.db, actor, batchId, progress);
  queueMetricsCatchUp(deps.queues, deps.logger);
  return report;
}

export interface ImportFileInput {
  file: Buffer;
  fileName: string;
  sheet?: string;
  /** The confirmed mapping, or 'auto' to accept the importer's proposal. */
  mapping: ImportMapping | 'auto';
  /** With 'auto': a saved mapping the proposal starts from (404-like 422 on `mappingName` if none). */
  mappingName?: string;
  dryRun: boolean;
}

/** The report of an import started from the API or the CLI, with where the batch now stands. */
export type ImportFileResult = ImportReport & {
  status: 'checked' | 'importing' | 'imported';
  /** Values the proposal could not place (with 'auto'): rows holding them are problems. */
  unmappedValues: ProposedMapping['unmappedValues'] | null;
};

/**
 * Upload, dry run and (unless `dryRun`) import in one go, for the API and the CLI: the same steps
 * as the pages, with the proposal accepted when the mapping is 'auto'. A large file is imported by
 * the background job (status 'importing'); follow it with getImportBatch.
 */
export async function importFile(
  deps: Pick<AppDeps, 'db' | 'queues'>,
  actor: Actor,
  input: ImportFileInput,
  backgroundAbove = LARGE_IMPORT_ROWS,
): Promise<ImportFileResult> {
  const { batch, proposal } = await uploadImport(deps.db, actor, {
    file: input.file,
    fileName: input.fileName,
    sheet: input.sheet,
    mappingName: input.mappingName,
  });
  const auto = input.mapping === 'auto';
  const mapping = auto ? proposal.mapping : (input.mapping as ImportMapping);
  const unmappedValues = auto ? proposal.unmappedValues : null;
  const checked = await checkImport(deps.db, actor, batch.id, mapping);
  if (input.dryRun || checked.ready === 0) return { ...checked, status: 'checked', unmappedValues };
  const started = await importOrQueue(deps, actor, batch.id, backgroundAbove);
  return started.queued
    ? { ...checked, dryRun: false, status: 'importing', unmappedValues }
    : { ...started.report, status: 'imported', unmappedValues };
}
