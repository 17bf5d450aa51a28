import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../shared/errors.ts';
import { noQuery } from '../web/query.ts';
import { parse, parseId } from '../shared/validation.ts';
import { importFile } from './import-queue.service.ts';
import type { ImportMapping, ImportReport } from './import-types.ts';
import { importUpload } from './import-upload.ts';
import type { ImportBatch } from './imports.repo.ts';
import { ImportApiUpload, ImportQuery } from './imports.schema.ts';
import { getImportBatch } from './import-batches.service.ts';
import { rollbackImport } from './import-rollback.service.ts';
import { ImportMappingInput } from './mapping-schema.ts';

/** The `mapping` part: JSON text, validated by the one mapping schema (issues under `mapping.`). */
function mappingOf(text: string | undefined): ImportMapping | 'auto' {
  if (text === undefined || text.trim() === 'auto') return 'auto';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const message = 'The mapping must be JSON: { columns, values, dateOrder }, or "auto"';
    throw new AppError('validation', `${message}.`, { issues: [{ path: 'mapping', message }] });
  }
  try {
    return parse(ImportMappingInput, json);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const issues = err.issues.map((i) => ({ ...i, path: i.path ? `mapping.${i.path}` : 'mapping' }));
    throw new AppError('validation', err.message, { issues });
  }
}

/** A batch as the API shows it: where it stands, how far an import has got, and its report. */
export const batchBody = (batch: ImportBatch) => ({
  batchId: batch.id,
  fileName: batch.fileName,
  status: batch.status,
  rows: batch.rowsTotal,
  ready: batch.rowsReady,
  imported: batch.rowsImported,
  progress: { written: batch.rowsImported, total: batch.rowsReady },
  createdAt: batch.createdAt,
  checkedAt: batch.checkedAt,
  importedAt: batch.importedAt,
  rolledBackAt: batch.rolledBackAt,
  error: batch.error,
  report: batch.report as ImportReport | null,
});

/**
 * The tracker import for integrators (docs/api.md, issue 14 §6): `POST /imports` (multipart:
 * `file`, optional `mapping` JSON and `sheet`; `?dryRun=true|false`), the batch, and rolling back.
 */
export function importsApi(deps: AppDeps) {
  const router = Router();

  router.post('/imports', requireAccess('imports'), async (req, res) => {
    const { dryRun } = parse(ImportQuery, req.query);
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    const input = parse(ImportApiUpload, { ...body, file: req.file });
    const result = await importFile(deps, actorFrom(req), {
      file: input.file.buffer,
      fileName: input.file.originalname,
      sheet: input.sheet,
      mapping: mappingOf(input.mapping),
      mappingName: input.mappingName,
      dryRun: dryRun === 'true',
    });
    res.status(result.status === 'importing' ? 202 : 200).json(result);
  });

  router.get('/imports/:id', requireAccess('imports'), noQuery, async (req, res) => {
    const batch = await getImportBatch(deps.db, actorFrom(req), parseId(req.params.id, 'Import'));
    res.json(batchBody(batch));
  });

  router.post('/imports/:id/rollback', requireAccess('imports'), async (req, res) => {
    const batchId = parseId(req.params.id, 'Import');
    const actor = actorFrom(req);
    await rollbackImport(deps.db, actor, batchId);
    res.json(batchBody(await getImportBatch(deps.db, actor, batchId)));
  });

  return router;
}

/** The API's upload parser (before the Idempotency-Key check, which hashes the file as well). */
export const importApiUploads = () =>
  importUpload('/imports', (_req, res, message) =>
    res.status(413).json({ error: { code: 'too_large', message, issues: [{ path: 'file', message }] } }),
  );
