import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse, parseId } from '../shared/validation.ts';
import { noQuery } from '../web/query.ts';
import { TargetInput } from './targets.schema.ts';
import { targetsWithProgress } from '../reports/target-progress.service.ts';
import { removeTarget, setTarget } from './targets.service.ts';

/** `/api/v1/targets`: recruitment targets with progress and projection (managers). */
export function targetsApi(deps: AppDeps) {
  const router = Router();
  router.use('/targets', requireAccess('targets'));

  router.get('/targets', noQuery, async (req, res) => {
    res.json({ items: await targetsWithProgress(deps.db, req.user!.agencyId) });
  });

  router.post('/targets', async (req, res) => {
    res.status(201).json(await setTarget(deps.db, actorFrom(req), parse(TargetInput, req.body)));
  });

  router.delete('/targets/:id', async (req, res) => {
    await removeTarget(deps.db, actorFrom(req), parseId(req.params.id, 'Target'));
    res.status(204).end();
  });

  return router;
}
