import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { ImportMapping, ImportReport, PlannedHousehold } from './import-types.ts';
import {
  importBatches,
  importBatchRows,
  importFiles,
  importMappings,
  type ImportOptions,
  type ImportStatus,
} from './imports.table.ts';

/**
 * Batches, their uploaded file, their planned rows and saved mappings. The records an import writes
 * and what a rollback deletes are in import-records.repo.ts; duplicate lookups in
 * import-duplicates.repo.ts.
 */

const CHUNK = 500;

export type ImportBatch = Omit<typeof importBatches.$inferSelect, 'mapping' | 'report'> & {
  mapping: ImportMapping | null;
  report: ImportReport | null;
};

const batchColumns = {
  id: importBatches.id,
  agencyId: importBatches.agencyId,
  fileName: importBatches.fileName,
  fileSha256: importBatches.fileSha256,
  sheet: importBatches.sheet,
  status: importBatches.status,
  mapping: importBatches.mapping,
  options: importBatches.options,
  report: importBatches.report,
  rowsTotal: importBatches.rowsTotal,
  rowsReady: importBatches.rowsReady,
  rowsImported: importBatches.rowsImported,
  plannedOn: importBatches.plannedOn,
  error: importBatches.error,
  createdBy: importBatches.createdBy,
  createdAt: importBatches.createdAt,
  checkedAt: importBatches.checkedAt,
  importedAt: importBatches.importedAt,
  rolledBackBy: importBatches.rolledBackBy,
  rolledBackAt: importBatches.rolledBackAt,
  filePurgedAt: importBatches.filePurgedAt,
};

/** A new batch and its file's bytes, in the caller's transaction. */
export async function insertBatch(
  db: Db,
  values: {
    agencyId: string;
    fileName: string;
    fileSha256: string;
    sheet: string | null;
    rowsTotal?: number;
    createdBy: string | null;
  },
  file: Buffer,
) {
  const [batch] = await db.insert(importBatches).values(values).returning(batchColumns);
  await db.insert(importFiles).values({ batchId: batch!.id, bytes: file, size: file.length });
  return batch as ImportBatch;
}

export async function findBatch(db: Db, agencyId: string, id: string) {
  const [batch] = await db
    .select(batchColumns)
    .from(importBatches)
    .where(and(eq(importBatches.agencyId, agencyId), eq(importBatches.id, id)));
  return batch as ImportBatch | undefined;
}

/** The batch row locked until the transaction ends: chunks of one batch are written one at a time. */
export async function lockBatch(tx: Db, agencyId: string, id: string) {
  const [batch] = await tx
    .select(batchColumns)
    .from(importBatches)
    .where(and(eq(importBatches.agencyId, agencyId), eq(importBatches.id, id)))
    .for('update');
  return batch as ImportBatch | undefined;
}

/** The agency's batches, newest first, without their reports. */
export async function listBatches(db: Db, agencyId: string, limit = 100) {
  const { mapping: _m, report: _r, ...columns } = batchColumns;
  return db
    .select(columns)
    .from(importBatches)
    .where(eq(importBatches.agencyId, agencyId))
    .orderBy(desc(importBatches.createdAt), desc(importBatches.id))
    .limit(limit);
}

export interface BatchUpdate {
  status?: ImportStatus;
  mapping?: ImportMapping;
  options?: ImportOptions;
  report?: ImportReport;
  rowsTotal?: number;
  rowsReady?: number;
  plannedOn?: string;
  error?: string | null;
  checkedAt?: Date;
  importedAt?: Date;
  rolledBackBy?: string | null;
  rolledBackAt?: Date;
}

export async function updateBatch(db: Db, id: string, values: BatchUpdate) {
  await db.update(importBatches).set(values).where(eq(importBatches.id, id));
}

/**
 * Moves a checked (or interrupted) batch to `importing`; false when it is in no state to import
 * (another caller finished it, or it was rolled back meanwhile).
 */
export async function claimForImport(db: Db, id: string) {
  const claimed = await db
    .update(importBatches)
    .set({ status: 'importing', error: null })
    .where(
      and(
        eq(importBatches.id, id),
        inArray(importBatches.status, ['checked', 'importing', 'failed']),
        isNull(importBatches.filePurgedAt),
      ),
    )
    .returning({ id: importBatches.id });
  return claimed.length > 0;
}

/** An import that stopped part way (and was not rolled back or finished meanwhile). */
export async function markFailed(db: Db, id: string, error: string) {
  await db
    .update(importBatches)
    .set({ status: 'failed', error })
    .where(and(eq(importBatches.id, id), eq(importBatches.status, 'importing')));
}

/** Adds a chunk's rows to the count written so far. */
export async function addImportedRows(db: Db, id: string, n: number) {
  await db
    .update(importBatches)
    .set({ rowsImported: sql`${importBatches.rowsImported} + ${n}` })
    .where(eq(importBatches.id, id));
}

/** The uploaded file, or undefined once it has been discarded. */
export async function fileOf(db: Db, batchId: string): Promise<Buffer | undefined> {
  const [file] = await db
    .select({ bytes: importFiles.bytes })
    .from(importFiles)
    .where(eq(importFiles.batchId, batchId));
  return file?.bytes;
}

/** Replaces the batch's planned rows (a new dry run replaces the last one's). */
export async function replacePlannedRows(db: Db, batchId: string, planned: PlannedHousehold[]) {
  await db.delete(importBatchRows).where(eq(importBatchRows.batchId, batchId));
  for (let i = 0; i < planned.length; i += CHUNK) {
    await db
      .insert(importBatchRows)
      .values(planned.slice(i, i + CHUNK).map((plan) => ({ batchId, row: plan.row, plan })));
  }
}

/**
 * The next rows still to write after row `afterRow`, in the file's order. Starting after the last
 * row written keeps the index scan clear of the rows already deleted (PGlite has no autovacuum).
 */
export async function nextPlannedRows(db: Db, batchId: string, afterRow: number, limit: number) {
  const found = await db
    .select({ row: importBatchRows.row, plan: importBatchRows.plan })
    .from(importBatchRows)
    .where(and(eq(importBatchRows.batchId, batchId), gt(importBatchRows.row, afterRow)))
    .orderBy(asc(importBatchRows.row))
    .limit(limit);
  return found.map((r) => r.plan as PlannedHousehold);
}

export async function deletePlannedRows(db: Db, batchId: string, rowNumbers: number[]) {
  if (rowNumbers.length === 0) return;
  await db
    .delete(importBatchRows)
    .where(and(eq(importBatchRows.batchId, batchId), inArray(importBatchRows.row, rowNumbers)));
}

/** Deletes the file's bytes and the planned rows (personal data) and notes when. */
export async function discardFile(db: Db, batchId: string, at: Date) {
  await db.delete(importFiles).where(eq(importFiles.batchId, batchId));
  await db.delete(importBatchRows).where(eq(importBatchRows.batchId, batchId));
  await db
    .update(importBatches)
    .set({ filePurgedAt: at })
    .where(and(eq(importBatches.id, batchId), isNull(importBatches.filePurgedAt)));
}

/** Batches left uploaded or checked since before `before` whose file is still kept (any agency). */
export async function staleBatchIds(db: Db, before: Date) {
  const found = await db
    .select({ id: importBatches.id })
    .from(importBatches)
    .where(
      and(
        inArray(importBatches.status, ['uploaded', 'checked']),
        lt(importBatches.createdAt, before),
        isNull(importBatches.filePurgedAt),
      ),
    );
  return found.map((r) => r.id);
}

/**
 * Blanks the cell values quoted in the problems of reports made before `before` (they may be
 * names, addresses or dates of birth); the row, column and message stay. Returns how many reports.
 */
export async function redactProblemValues(db: Db, before: Date) {
  const changed = await db.execute(sql`update import_batches
    set report = jsonb_set(report, '{problems}', (
      select coalesce(jsonb_agg(p || '{"value": null}'::jsonb), '[]'::jsonb)
      from jsonb_array_elements(report->'problems') p))
    where created_at < ${before.toISOString()}::timestamptz and report is not null
      and exists (select 1 from jsonb_array_elements(report->'problems') p where p->>'value' is not null)
    returning id`);
  return (changed as unknown as { rows: unknown[] }).rows.length;
}

// ---- Saved mappings ----

/** Saves a mapping under a name, replacing the agency's mapping of that name if there is one. */
export async function upsertMapping(
  db: Db,
  values: { agencyId: string; name: string; mapping: ImportMapping; savedBy: string | null },
) {
  const [saved] = await db
    .insert(importMappings)
    .values(values)
    .onConflictDoUpdate({
      target: [importMappings.agencyId, importMappings.name],
      set: { mapping: values.mapping, savedBy: values.savedBy, savedAt: new Date() },
    })
    .returning();
  return { ...saved!, mapping: saved!.mapping as ImportMapping };
}

export async function listMappings(db: Db, agencyId: string) {
  return db
    .select({ id: importMappings.id, name: importMappings.name, savedAt: importMappings.savedAt })
    .from(importMappings)
    .where(eq(importMappings.agencyId, agencyId))
    .orderBy(asc(importMappings.name));
}

export async function findMapping(db: Db, agencyId: string, name: string) {
  const [found] = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.agencyId, agencyId), eq(importMappings.name, name)));
  return found ? { ...found, mapping: found.mapping as ImportMapping } : undefined;
}
