/**
 * The tracker import's service (issue 14), in one place for routes, the CLI and the job:
 * upload → check (the dry run) → import → batch page → roll back. Each step lives in its own file:
 *
 * - import-file.service.ts: `uploadImport`, `checkImport`, `runImport` (read, map and plan a file);
 * - import-check.service.ts: `recordCheck` (duplicates, which rows are written, gains per year);
 * - import-commit.service.ts: `commitImport` (chunked, resumable, sends nothing);
 * - import-rollback.service.ts: `rollbackImport` (all or nothing, or the blockers);
 * - import-batches.service.ts: batches, saved mappings, discarding and purging files.
 */
export { checkImport, runImport, uploadImport, type UploadedImport } from './import-file.service.ts';
export { recordCheck, type PlannedFile } from './import-check.service.ts';
export { commitImport, IMPORT_CHUNK_ROWS, type ImportProgress } from './import-commit.service.ts';
export { blockerLabels, rollbackImport, type ImportBlocker } from './import-rollback.service.ts';
export {
  discardImport,
  findImportMapping,
  getImportBatch,
  listImportBatches,
  listImportMappings,
  purgeUnusedImportFiles,
  saveImportMapping,
  UNUSED_FILE_DAYS,
} from './import-batches.service.ts';
