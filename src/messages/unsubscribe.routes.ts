import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { optOut, personForToken } from './unsubscribe.service.ts';

/**
 * `/unsubscribe/<token>`: works without signing in; the signed token is the credential. The page
 * asks before acting (link scanners open links); mail programs' one-click unsubscribe (RFC 8058)
 * posts straight to it.
 */
export function unsubscribeRouter(deps: AppDeps) {
  const router = Router();

  router.get('/unsubscribe/:token', async (req, res) => {
    const person = await personForToken(deps.db, req.params.token);
    res.status(person ? 200 : 404).render('unsubscribe/confirm.njk', {
      valid: !!person,
      already: !!person?.emailOptOutAt,
      token: req.params.token,
    });
  });

  router.post('/unsubscribe/:token', async (req, res) => {
    const done = await optOut(deps.db, req.params.token);
    res.status(done ? 200 : 404).render('unsubscribe/done.njk', { valid: done });
  });
  return router;
}
