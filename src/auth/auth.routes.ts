import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { cookieOptions } from '../web/cookies.ts';
import { formView } from '../web/http.ts';
import { parse } from '../shared/validation.ts';
import { SESSION_COOKIE } from './auth.middleware.ts';
import { safeNext, SignIn } from './auth.schema.ts';
import { SESSION_HOURS, signIn, signOut } from './auth.service.ts';

export function authRouter(deps: AppDeps) {
  const router = Router();

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('auth/sign-in.njk', {
      values: { next: req.query.next },
      signedOut: req.query.signedOut === '1',
    });
  });

  router.post('/sign-in', formView('auth/sign-in.njk'), async (req, res) => {
    const input = parse(SignIn, req.body);
    const { token, mustChangePassword } = await signIn(deps, {
      email: input.email,
      password: input.password,
      ip: req.ip ?? 'unknown',
      previousToken: req.sessionToken,
      requestId: String(req.id),
    });
    res.cookie(SESSION_COOKIE, token, cookieOptions(req, SESSION_HOURS * 3600_000));
    res.redirect(303, mustChangePassword ? '/account/password' : safeNext(input.next));
  });

  router.post('/sign-out', async (req, res) => {
    if (req.sessionToken) await signOut(deps.db, req.sessionToken);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.redirect(303, '/sign-in?signedOut=1');
  });

  return router;
}
