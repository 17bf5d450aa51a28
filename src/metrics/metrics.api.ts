import { Router } from 'express';
import { requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { metricsRunning, metricsStatus, requestRecompute } from './metrics.service.ts';
import { noQuery } from '../web/query.ts';

/** `/api/v1/metrics`: ask for a recompute, and see when the figures were computed (docs/api.md). */
export function metricsApi(deps: AppDeps) {
  const router = Router();

  router.post('/metrics/refresh', requireAccess('management'), async (req, res) => {
    res.status(202).json(await requestRecompute(deps.queues, req.user!.agencyId));
  });

  router.get('/metrics/status', requireAccess('metricsStatus'), noQuery, async (req, res) => {
    const status = await metricsStatus(deps.db, req.user!.agencyId);
    res.json({ ...status, running: await metricsRunning(deps.queues) });
  });

  return router;
}
