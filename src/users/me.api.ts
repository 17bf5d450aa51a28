import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { roleLabels } from '../shared/roles.ts';
import { noQuery } from '../web/query.ts';

/** `GET /api/v1/me`: who this token acts as. Lets an integration check its token. */
export function meApi(_deps: AppDeps) {
  const router = Router();
  router.get('/me', noQuery, (req, res) => {
    const { id, name, email, role, agencyId } = req.user!;
    res.json({ id, name, email, role, roleLabel: roleLabels[role], agencyId });
  });
  return router;
}
