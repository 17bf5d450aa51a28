import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { enqueue } from '../jobs/queues.ts';
import { insertWorkerCheck, latestWorkerCheck } from './system.repo.ts';

/** The administrator's view of the machinery: is the job worker running? */
export function systemRouter(deps: AppDeps) {
  const router = Router();
  router.use('/admin/system', requireAccess('administration'));

  router.get('/admin/system', async (req, res) => {
    const check = await latestWorkerCheck(deps.db, req.user!.agencyId);
    const counts = await deps.queues
      .get('default')
      .getJobCounts('waiting', 'active', 'delayed', 'failed')
      .catch(() => undefined);
    res.render('system/system.njk', { check, counts, databaseKind: deps.database.kind });
  });

  router.post('/admin/system/worker-check', async (req, res) => {
    const actor = actorFrom(req);
    const check = await insertWorkerCheck(deps.db, actor.agencyId, actor.userId);
    await enqueue(deps.queues, 'worker-check', { checkId: check.id }, { jobId: `worker-check-${check.id}` });
    res.redirect(303, '/admin/system');
  });

  return router;
}
