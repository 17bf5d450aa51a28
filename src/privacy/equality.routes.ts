import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { equalitySummary } from './equality.service.ts';

export function equalityRouter(deps: AppDeps) {
  const router = Router();
  router.get('/reports/equality', requireAccess('equality'), async (req, res) => {
    res.render('reports/equality.njk', await equalitySummary(deps.db, actorFrom(req)));
  });
  return router;
}
