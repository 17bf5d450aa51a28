import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { formView } from '../web/http.ts';
import {
  formValues,
  loadFollowUpSettings,
  MAX_NUDGE_DAYS,
  MAX_REMINDER_HOURS,
  saveFollowUpSettings,
} from './follow-up-settings.ts';

const limits = { maxNudgeDays: MAX_NUDGE_DAYS, maxReminderHours: MAX_REMINDER_HOURS };

/** Follow-up emails: managers switch each automatic email on or off and set its timing. */
export function followUpsRouter(deps: AppDeps) {
  const router = Router();
  router.use('/follow-ups', requireAccess('emailSettings'));

  router.get('/follow-ups', async (req: Request, res) => {
    const settings = await loadFollowUpSettings(deps.db, req.user!.agencyId);
    res.render('follow-ups/settings.njk', { ...limits, values: formValues(settings) });
  });

  router.post(
    '/follow-ups',
    formView('follow-ups/settings.njk', () => limits),
    async (req, res) => {
      await saveFollowUpSettings(deps.db, actorFrom(req), req.body);
      await setFlash(deps.db, req.sessionToken!, { success: 'Follow-up email settings saved.' });
      res.redirect(303, '/follow-ups');
    },
  );

  return router;
}
