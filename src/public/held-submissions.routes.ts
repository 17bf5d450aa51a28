import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { parseId } from '../shared/validation.ts';
import { deleteHeld, heldList, releaseHeld } from './held-submissions.service.ts';

/**
 * "Held as possible spam": public enquiries that looked automated, for the people who handle
 * enquiries (officers and managers) to release into the pipeline or delete. Administrators and
 * communications staff do not open households' details, so they do not see these either.
 */
export function heldSubmissionsRouter(deps: AppDeps) {
  const router = Router();
  router.use('/held-enquiries', requireAccess('households'));

  router.get('/held-enquiries', async (req, res) => {
    res.render('held/list.njk', await heldList(deps.db, req.user!.agencyId));
  });

  router.post('/held-enquiries/:id/release', async (req, res) => {
    const enquiry = await releaseHeld(deps, actorFrom(req), parseId(req.params.id, 'Held enquiry'));
    await setFlash(deps.db, req.sessionToken!, {
      success: 'Released: it is now an enquiry in the pipeline, and the welcome email is on its way.',
      link: `/enquiries/${enquiry.id}`,
    });
    res.redirect(303, '/held-enquiries');
  });

  router.post('/held-enquiries/:id/delete', async (req, res) => {
    await deleteHeld(deps.db, actorFrom(req), parseId(req.params.id, 'Held enquiry'));
    await setFlash(deps.db, req.sessionToken!, { success: 'Deleted as spam.' });
    res.redirect(303, '/held-enquiries');
  });
  return router;
}
