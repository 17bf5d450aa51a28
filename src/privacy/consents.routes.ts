import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { parse, parseId } from '../shared/validation.ts';
import { WithdrawConsent, withdrawConsent } from './consent-withdrawal.service.ts';

/** Withdrawing marketing consent per channel from the household page (officers and managers). */
export function consentsRouter(deps: AppDeps) {
  const router = Router();
  router.post('/enquiries/:id/consents/withdraw', requireAccess('households'), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    await withdrawConsent(deps.db, actorFrom(req), id, parse(WithdrawConsent, req.body));
    await setFlash(deps.db, req.sessionToken!, {
      success: 'Consent withdrawn. No more marketing by that channel.',
    });
    res.redirect(303, `/enquiries/${id}#consent`);
  });
  return router;
}
