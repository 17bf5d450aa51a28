import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { formView } from '../web/http.ts';
import { parseId } from '../shared/validation.ts';
import { joinNurturePool, leaveNurturePool } from './nurture-membership.ts';
import {
  loadNurtureSettings,
  MAX_NURTURE_DAYS,
  MAX_NURTURE_STEPS,
  nurtureFormValues,
  saveNurtureSettings,
} from './nurture-settings.ts';

const limits = { maxDays: MAX_NURTURE_DAYS, maxSteps: MAX_NURTURE_STEPS };

/**
 * The nurture pool (issue 17 §6): officers put a household "not ready yet" in it, or bring it back,
 * from the household page; managers set the sequence on the follow-up emails page.
 */
export function nurtureRouter(deps: AppDeps) {
  const router = Router();

  router.post('/enquiries/:id/nurture', requireAccess('households'), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    await joinNurturePool(deps.db, actorFrom(req), id);
    await setFlash(deps.db, req.sessionToken!, {
      success:
        'Not ready yet: we will keep in touch with occasional emails until they reply or book a session.',
    });
    res.redirect(303, `/enquiries/${id}`);
  });

  router.post('/enquiries/:id/nurture/leave', requireAccess('households'), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const actor = actorFrom(req);
    await deps.db.transaction((tx) => leaveNurturePool(tx, actor, id, 'officer'));
    await setFlash(deps.db, req.sessionToken!, {
      success: 'Back in the active pipeline. Nurture emails stopped.',
    });
    res.redirect(303, `/enquiries/${id}`);
  });

  router.get('/follow-ups/nurture', requireAccess('emailSettings'), async (req, res) => {
    const settings = await loadNurtureSettings(deps.db, req.user!.agencyId);
    res.render('nurture/settings.njk', { ...limits, values: nurtureFormValues(settings) });
  });

  router.post(
    '/follow-ups/nurture',
    requireAccess('emailSettings'),
    formView('nurture/settings.njk', () => limits),
    async (req, res) => {
      await saveNurtureSettings(deps.db, actorFrom(req), req.body);
      await setFlash(deps.db, req.sessionToken!, { success: 'Nurture emails saved.' });
      res.redirect(303, '/follow-ups/nurture');
    },
  );

  return router;
}
