import { Router, type Request, type Response } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { errorsForView, formView } from '../web/http.ts';
import { navigationFor } from '../web/navigation.ts';
import { parse, parseId, parsePageQuery } from '../shared/validation.ts';
import { AppError } from '../shared/errors.ts';
import { importBatchRouter } from './import-batch.routes.ts';
import { importUpload } from './import-upload.ts';
import { mappingPageLocals, mappingState, postedMapping, statusLabels } from './import-views.ts';
import { ImportUploadForm, MappingName, MAX_IMPORT_BYTES, SavedMappingChoice } from './imports.schema.ts';
import { listImportBatches, saveImportMapping } from './import-batches.service.ts';
import { checkImport, uploadImport } from './import.service.ts';
import { ImportMappingInput, mappingProblems } from './mapping-schema.ts';

/**
 * The tracker import for managers and administrators (issue 14 §6): the list of imports with the
 * upload form, then matching the columns and values. The dry run, the import itself and rolling
 * back are on the batch's page (import-batch.routes.ts).
 */
export function importsRouter(deps: AppDeps) {
  const router = Router();
  router.use('/imports', requireAccess('imports'));

  const listLocals = async (req: Request) => ({
    batches: await listImportBatches(deps.db, actorFrom(req)),
    statusLabels,
    maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024,
  });

  router.get('/imports', async (req, res) => {
    res.render('imports/list.njk', { ...(await listLocals(req)), values: {} });
  });

  router.post('/imports', formView('imports/list.njk', listLocals), async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const input = parse(ImportUploadForm, { ...body, file: req.file });
    const { batch } = await uploadImport(deps.db, actorFrom(req), {
      file: input.file.buffer,
      fileName: input.file.originalname,
      sheet: input.sheet,
    });
    res.redirect(303, `/imports/${batch.id}/mapping`);
  });

  router.get('/imports/:id/mapping', async (req, res) => {
    const { use } = parsePageQuery(SavedMappingChoice, req.query);
    const state = await mappingState(deps.db, actorFrom(req), parseId(req.params.id, 'Import'), use);
    res.render('imports/mapping.njk', mappingPageLocals(state, undefined, use));
  });

  const postedLocals = async (req: Request) => {
    const state = await mappingState(deps.db, actorFrom(req), parseId(req.params.id, 'Import'));
    return mappingPageLocals(state, req.body as Record<string, unknown>);
  };

  router.post('/imports/:id/mapping', formView('imports/mapping.njk', postedLocals), async (req, res) => {
    const actor = actorFrom(req);
    const batchId = parseId(req.params.id, 'Import');
    const body = req.body as Record<string, unknown>;
    const state = await mappingState(deps.db, actor, batchId);
    const { mapping, issues } = postedMapping(state, body);
    const saveAs = parse(MappingName, body.saveAs);
    if (issues.length) {
      throw new AppError('validation', 'Choose what each column and value means.', { issues });
    }
    const confirmed = parse(ImportMappingInput, mapping);
    const wrong = mappingProblems(state.table, confirmed);
    if (wrong.length) {
      const column = (header: string | null) => (header ? state.table.headers.indexOf(header) : -1);
      throw new AppError('validation', 'The columns cannot be used as they are.', {
        issues: wrong.map((p) => ({
          path: column(p.column) >= 0 ? `column-${column(p.column)}` : 'columns',
          message: p.message,
        })),
      });
    }
    if (saveAs) await saveImportMapping(deps.db, actor, saveAs, confirmed);
    await checkImport(deps.db, actor, batchId, confirmed);
    res.redirect(303, `/imports/${batchId}`);
  });

  router.use(importBatchRouter(deps));
  return router;
}

/**
 * The upload parser for the page's form (mounted before the CSRF check, which reads the form's
 * token from the multipart body): a file over the limit shows the upload page again, with a 413.
 */
export function importPageUploads(deps: AppDeps) {
  return importUpload('/imports', async (req: Request, res: Response, message: string) => {
    // Answered before the CSRF check and navigation middleware run: the page needs what they set.
    res.locals.csrfToken = req.csrfToken;
    res.locals.currentPath = req.path;
    res.locals.navigation = navigationFor(req.user!.role, req.path);
    res.status(413).render('imports/list.njk', {
      batches: await listImportBatches(deps.db, actorFrom(req)),
      statusLabels,
      maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024,
      values: {},
      ...errorsForView([{ path: 'file', message }], message),
    });
  });
}
