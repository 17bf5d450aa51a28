import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { noQuery } from '../web/query.ts';
import { writeExportJson } from './export-json.ts';
import { startExport } from './export.service.ts';

/**
 * `GET /api/v1/export`: all of the agency's data as one JSON document, streamed (docs/api.md). One
 * request, one audit entry; rows are read from the database in batches while the response is sent.
 */
export function exportApi(deps: AppDeps) {
  const router = Router();

  router.get('/export', requireAccess('dataExport'), noQuery, async (req, res) => {
    const actor = actorFrom(req);
    const header = await startExport(deps.db, actor, 'json');
    res.status(200).type('application/json');
    await writeExportJson(deps.db, actor, header, res);
  });

  return router;
}
