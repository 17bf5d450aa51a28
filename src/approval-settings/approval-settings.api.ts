import { Router } from 'express';
import { requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { noQuery } from '../web/query.ts';
import { approvalSettingsOverview } from './approval-settings-overview.ts';

/**
 * `GET /api/v1/settings/approval-rules` (administrators): the approval route and the timeliness
 * standard in force today, the changes scheduled after today, and every change recorded.
 */
export function approvalSettingsApi(deps: AppDeps) {
  const router = Router();
  router.use('/settings/approval-rules', requireAccess('administration'));

  router.get('/settings/approval-rules', noQuery, async (req, res) => {
    res.json(await approvalSettingsOverview(deps.db, req.user!.agencyId));
  });

  return router;
}
