import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { OptionalPeriod } from '../reports/reports.schema.ts';
import { parsePageQuery } from '../shared/validation.ts';
import { equalitySummary } from './equality.service.ts';

export function equalityRouter(deps: AppDeps) {
  const router = Router();
  router.get('/reports/equality', requireAccess('equality'), async (req, res) => {
    // `year=YYYY` or `from`/`to` narrow it, as on every report; tracking tags on a link are ignored.
    const period = parsePageQuery(OptionalPeriod, req.query);
    res.render('reports/equality.njk', await equalitySummary(deps.db, actorFrom(req), period));
  });
  return router;
}
