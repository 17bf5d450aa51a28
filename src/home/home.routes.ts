import { Router } from 'express';
import { requireSignIn } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { roleLabels } from '../shared/roles.ts';

export function homeRouter(_deps: AppDeps) {
  const router = Router();
  router.get('/', requireSignIn, (req, res) => {
    res.render('home/home.njk', { roleLabel: roleLabels[req.user!.role] });
  });
  // Pages anyone can read, signed in or not.
  router.get('/accessibility', (_req, res) => res.render('static-pages/accessibility.njk'));
  router.get('/privacy', (_req, res) => res.render('static-pages/privacy.njk'));
  return router;
}
