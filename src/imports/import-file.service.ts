import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { londonToday } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { findImportMapping } from './import-batches.service.ts';
import { checkableBatch, recordCheck } from './import-check.service.ts';
import { commitImport, type ImportProgress } from './import-commit.service.ts';
import type { ImportMapping, ImportReport, ProposedMapping, ReadTable } from './import-types.ts';
import { fileOf, insertBatch, type ImportBatch } from './imports.repo.ts';
import type { ImportOptions } from './imports.table.ts';
import { planRows } from './plan-rows.ts';
import { proposeMapping } from './propose-mapping.ts';
import { readTable } from './read-table.ts';

/** Rows shown under the headers on the mapping page. */
const PREVIEW_ROWS = 5;

export interface UploadedImport {
  batch: ImportBatch;
  /** What was read: format, encoding or sheet, headers, how many rows, and the first few. */
  table: Omit<ReadTable, 'rows'> & { rows: number; firstRows: ReadTable['rows'] };
  proposal: ProposedMapping;
}

/**
 * Reads an uploaded tracker (CSV in any delimiter and encoding, or an XLSX sheet) and stores it as
 * a batch `uploaded`, with the file's bytes (kept until it is imported or discarded) and SHA-256.
 * Returns what was read and a proposed mapping, starting from the saved mapping `mappingName`
 * when one is given.
 * @throws AppError('validation') on `file` (empty, not a table, no header row, too many rows),
 *   `sheet` (no such sheet) or `mappingName` (no saved mapping of that name).
 */
export async function uploadImport(
  db: Db,
  actor: Actor,
  input: { file: Buffer; fileName: string; sheet?: string; mappingName?: string },
): Promise<UploadedImport> {
  const fileName = input.fileName.trim();
  if (!fileName) throw fieldError('file', 'Choose the tracker file to import');
  const table = await readTable(input.file, { fileName, sheet: input.sheet });
  const saved = input.mappingName ? await findImportMapping(db, actor, input.mappingName) : undefined;
  if (input.mappingName && !saved)
    throw fieldError('mappingName', 'There is no saved mapping with that name');
  const proposal = proposeMapping(table, saved?.mapping);
  const batch = await db.transaction(async (tx) => {
    const created = await insertBatch(
      tx,
      {
        agencyId: actor.agencyId,
        fileName,
        fileSha256: createHash('sha256').update(input.file).digest('hex'),
        sheet: table.sheet ?? null,
        rowsTotal: table.rows.length,
        createdBy: actor.userId,
      },
      input.file,
    );
    await recordAudit(tx, actor, {
      action: 'import.uploaded',
      entityType: 'import_batch',
      entityId: created.id,
      changes: { rows: { to: table.rows.length }, format: { to: table.format } },
    });
    return created;
  });
  const { rows, ...read } = table;
  return { batch, table: { ...read, rows: rows.length, firstRows: rows.slice(0, PREVIEW_ROWS) }, proposal };
}

/**
 * The dry run: reads the batch's file again with the person's mapping, plans every row's history
 * (planRows: problems for impossible, out-of-order or unmapped values, missing names; flags for
 * what the file did not evidence), finds likely duplicates and counts what each financial year's
 * committee table would gain (recordCheck). A mapping the file cannot use (a column it lacks, no
 * name, enquiry date or postcode column) gives its problems on row 1 and no rows ready. Nothing
 * but the batch is written; status `checked`. May be run again with another mapping.
 * @throws AppError('not_found'); AppError('conflict') once importing has started or the file was discarded.
 */
export async function checkImport(
  db: Db,
  actor: Actor,
  batchId: string,
  mapping: ImportMapping,
  options: Partial<ImportOptions> = {},
): Promise<ImportReport> {
  const batch = await checkableBatch(db, actor, batchId);
  const file = await fileOf(db, batch.id);
  if (!file) throw new AppError('conflict', 'The file of this import has been deleted. Upload it again.');
  const table = await readTable(file, { fileName: batch.fileName, sheet: batch.sheet ?? undefined });
  const today = londonToday();
  // A mapping the file cannot use gives its problems on row 1 and plans nothing (planRows).
  const planned = planRows(table, mapping, { fileName: batch.fileName, today });
  return recordCheck(
    db,
    actor,
    batch,
    mapping,
    { ...planned, rows: table.rows.length, plannedOn: today },
    options,
  );
}

/**
 * One shot, for the CLI and `POST /api/v1/imports`: upload, check with the given mapping (or, with
 * 'auto', the proposed one as it stands: values it could not place become problems of their rows),
 * then, unless `dryRun`, import. Returns the dry run's report, or the import's (`dryRun` false;
 * `imported` 0 when no row was ready, the batch then staying `checked`).
 */
export async function runImport(
  db: Db,
  actor: Actor,
  input: {
    file: Buffer;
    fileName: string;
    sheet?: string;
    mapping: ImportMapping | 'auto';
    dryRun: boolean;
    includeDuplicates?: boolean;
    progress?: ImportProgress;
  },
): Promise<ImportReport> {
  const uploaded = await uploadImport(db, actor, input);
  const mapping = input.mapping === 'auto' ? uploaded.proposal.mapping : input.mapping;
  const report = await checkImport(db, actor, uploaded.batch.id, mapping, {
    includeDuplicates: input.includeDuplicates ?? false,
  });
  if (input.dryRun) return report;
  // Nothing ready (every row has a problem): nothing is imported, and the report says why.
  if (report.ready === 0) return { ...report, dryRun: false };
  return commitImport(db, actor, uploaded.batch.id, input.progress);
}
