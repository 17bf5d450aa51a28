import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { datasets } from './export-dictionary.ts';
import { DICTIONARY_FILE, fileOf, README_FILE, writeExportZip } from './export-zip.ts';
import { startExport } from './export.service.ts';

/** The administrator's "export everything" page and its ZIP download (issue 14, item 7). */
export function exportRouter(deps: AppDeps) {
  const router = Router();
  router.use('/admin/export', requireAccess('dataExport'));

  router.get('/admin/export', (_req, res) => {
    res.render('export/export.njk', {
      files: datasets.map((d) => ({ file: fileOf(d), description: d.description })),
      dictionaryFile: DICTIONARY_FILE,
      readmeFile: README_FILE,
    });
  });

  router.get('/admin/export/download', async (req, res) => {
    const actor = actorFrom(req);
    const header = await startExport(deps.db, actor, 'zip');
    const day = header.exportedAt.toISOString().slice(0, 10);
    res
      .status(200)
      .type('application/zip')
      .set('Content-Disposition', `attachment; filename="all-data-${day}.zip"`);
    await writeExportZip(deps.db, actor, header, res);
  });

  return router;
}
