import type { IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { duplicatesWithinFile, existingDuplicates, probesOf } from './import-duplicates.ts';
import { gainsByYear } from './import-gains.ts';
import type {
  ImportDuplicate,
  ImportFlag,
  ImportMapping,
  ImportProblem,
  ImportReport,
  PlannedHousehold,
} from './import-types.ts';
import { existingMatches } from './import-duplicates.repo.ts';
import { findBatch, lockBatch, replacePlannedRows, updateBatch, type ImportBatch } from './imports.repo.ts';
import type { ImportOptions } from './imports.table.ts';

/** What reading and planning a file produced (imp-core's planRows, plus the file's row count). */
export interface PlannedFile {
  /** Data rows in the file. */
  rows: number;
  households: PlannedHousehold[];
  problems: ImportProblem[];
  flags: ImportFlag[];
  /** The London day the rows were planned on. */
  plannedOn: IsoDate;
}

// A row's keys go in one query, so each (row, household) is reported once with all that matched.
const ROWS_PER_QUERY = 500;

/** A batch that may be (re)checked: uploaded or already checked, never one being or been imported. */
export async function checkableBatch(db: Db, actor: Actor, batchId: string) {
  const batch = await findBatch(db, actor.agencyId, batchId);
  if (!batch) throw notFound('The import');
  if (batch.status !== 'uploaded' && batch.status !== 'checked')
    throw new AppError(
      'conflict',
      `This import is ${batch.status.replace('_', ' ')}: it cannot be checked again.`,
      {
        details: { status: batch.status },
      },
    );
  return batch;
}

/**
 * Records a dry run of planned rows on the batch: finds likely duplicates, decides which rows the
 * import will write, counts what each financial year's committee table would gain, and saves the
 * report, the mapping, the options and the rows to write. Writes nothing but the batch and its
 * planned rows; status `checked`.
 *
 * The rule for duplicates, applied the same way at every resume: a row that looks like a household
 * already in the service (same email, phone number, or surname and postcode) or like an earlier row
 * of the file is listed and NOT imported, unless `options.includeDuplicates`. Rows with problems
 * are never imported (planRows leaves them out of `households`).
 */
export async function recordCheck(
  db: Db,
  actor: Actor,
  batch: ImportBatch,
  mapping: ImportMapping,
  planned: PlannedFile,
  options: Partial<ImportOptions> = {},
): Promise<ImportReport> {
  const chosen: ImportOptions = { includeDuplicates: options.includeDuplicates ?? false };
  const duplicates = [
    ...duplicatesWithinFile(planned.households),
    ...(await duplicatesOfKnownHouseholds(db, actor, planned.households)),
  ].sort((a, b) => a.row - b.row);
  const skipped = new Set(chosen.includeDuplicates ? [] : duplicates.map((d) => d.row));
  const toWrite = planned.households.filter((h) => !skipped.has(h.row));
  const report: ImportReport = {
    batchId: batch.id,
    dryRun: true,
    fileName: batch.fileName,
    rows: planned.rows,
    ready: toWrite.length,
    imported: 0,
    problems: planned.problems,
    duplicates,
    flags: [...planned.flags, ...firstContactFlags(toWrite)].sort((a, b) => a.row - b.row),
    gains: gainsByYear(toWrite),
    mapping,
  };
  await db.transaction(async (tx) => {
    // Checked again under the batch's lock: an import started meanwhile keeps its rows.
    const locked = await lockBatch(tx, actor.agencyId, batch.id);
    if (locked?.status !== 'uploaded' && locked?.status !== 'checked')
      throw new AppError('conflict', 'This import has started since: it cannot be checked again.', {
        details: { status: locked?.status },
      });
    await replacePlannedRows(tx, batch.id, toWrite);
    await updateBatch(tx, batch.id, {
      status: 'checked',
      mapping,
      options: chosen,
      report,
      rowsTotal: planned.rows,
      rowsReady: toWrite.length,
      plannedOn: planned.plannedOn,
      error: null,
      checkedAt: new Date(),
    });
  });
  return report;
}

/** Rows like households already in the service, a few hundred rows per query. */
async function duplicatesOfKnownHouseholds(db: Db, actor: Actor, households: PlannedHousehold[]) {
  const found: ImportDuplicate[] = [];
  for (let i = 0; i < households.length; i += ROWS_PER_QUERY) {
    const probes = households.slice(i, i + ROWS_PER_QUERY).flatMap(probesOf);
    found.push(...existingDuplicates(await existingMatches(db, actor.agencyId, probes)));
  }
  return found;
}

/**
 * Rows still at "Enquiry" are recorded as contacted on their enquiry date (see import-records.ts),
 * so that history raises no first-contact alerts; the report says so for each of them.
 */
function firstContactFlags(households: PlannedHousehold[]): ImportFlag[] {
  return households
    .filter((h) => h.events.at(-1)?.stage === 'enquiry')
    .map((h) => ({
      row: h.row,
      kind: 'first_contact_assumed' as const,
      stage: 'enquiry' as const,
      message:
        'Still a new enquiry: the file does not say when the household was first contacted, so it is recorded as contacted on the enquiry date. Check that someone has been in touch.',
    }));
}
