import { Router, type Request } from 'express';
import { actorFrom } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { toCsv } from '../reports/csv.ts';
import { AppError } from '../shared/errors.ts';
import { parse, parseId } from '../shared/validation.ts';
import { formView } from '../web/http.ts';
import { importOrQueue } from './import-queue.service.ts';
import type { ImportReport } from './import-types.ts';
import { batchPageLocals } from './import-views.ts';
import { getImportBatch } from './import-batches.service.ts';
import { checkImport } from './import.service.ts';
import { DuplicatesChoice } from './imports.schema.ts';
import { rollbackImport } from './import-rollback.service.ts';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * One import's page (issue 14 §4–5): the dry run's report with its problems as CSV, the button that
 * imports, progress while a large file is written in the background, and rolling back.
 * Mounted by importsRouter, behind its `imports` access check.
 */
export function importBatchRouter(deps: AppDeps) {
  const router = Router();
  const batchOf = (req: Request) => getImportBatch(deps.db, actorFrom(req), parseId(req.params.id, 'Import'));

  router.get('/imports/:id', async (req, res) => {
    res.render('imports/batch.njk', batchPageLocals(await batchOf(req), req.user!.role));
  });

  const batchLocals = async (req: Request) => batchPageLocals(await batchOf(req), req.user!.role);

  router.post('/imports/:id/import', formView('imports/batch.njk', batchLocals), async (req, res) => {
    const batchId = parseId(req.params.id, 'Import');
    const outcome = await importOrQueue(deps, actorFrom(req), batchId);
    const success = outcome.queued
      ? 'The import has started. It runs in the background: refresh this page to see how far it has got.'
      : `${plural(outcome.report.imported, 'household', 'households')} imported.`;
    await setFlash(deps.db, req.sessionToken!, { success });
    res.redirect(303, `/imports/${batchId}`);
  });

  // Likely duplicates are left out unless the person decides they are other households after all.
  router.post('/imports/:id/duplicates', formView('imports/batch.njk', batchLocals), async (req, res) => {
    const actor = actorFrom(req);
    const batch = await batchOf(req);
    const { include } = parse(DuplicatesChoice, req.body);
    if (!batch.mapping) throw new AppError('conflict', 'Match the columns and check the import first.');
    await checkImport(deps.db, actor, batch.id, batch.mapping, { includeDuplicates: include === 'yes' });
    res.redirect(303, `/imports/${batch.id}`);
  });

  router.get('/imports/:id/problems.csv', async (req, res) => {
    const batch = await batchOf(req);
    const report = batch.report as ImportReport | null;
    if (!report) throw new AppError('not_found', 'This import has not been checked yet.');
    const head = ['Row', 'Column', 'Value', 'What to fix'];
    const rows = report.problems.map((p) => [String(p.row), p.column ?? '', p.value ?? '', p.message]);
    const name = batch.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '-');
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${name}-problems.csv"`)
      // The byte order mark lets Excel read UTF-8 (names with accents, pound signs) correctly.
      .send(`\uFEFF${toCsv({ head, rows })}`);
  });

  const rollbackLocals = async (req: Request) => ({ batch: await batchOf(req) });

  router.get('/imports/:id/rollback', async (req, res) => {
    const { batch } = await rollbackLocals(req);
    if (batch.status !== 'imported') return res.redirect(303, `/imports/${batch.id}`);
    res.render('imports/rollback.njk', { batch });
  });

  router.post('/imports/:id/rollback', formView('imports/rollback.njk', rollbackLocals), async (req, res) => {
    const batchId = parseId(req.params.id, 'Import');
    await rollbackImport(deps.db, actorFrom(req), batchId);
    await setFlash(deps.db, req.sessionToken!, { success: 'The import was rolled back.' });
    res.redirect(303, `/imports/${batchId}`);
  });

  return router;
}
