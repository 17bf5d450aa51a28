import { Router } from 'express';
import type { AppDeps } from '../deps.ts';
import { formView } from '../web/http.ts';
import { notFound } from '../shared/errors.ts';
import { parse, parseId } from '../shared/validation.ts';
import { ChangePassword } from '../users/users.schema.ts';
import { changeOwnPassword } from '../users/users.service.ts';
import { actorFrom, requireSignIn } from './auth.middleware.ts';
import { CreateToken } from './auth.schema.ts';
import { createApiToken, setFlash } from './auth.service.ts';
import { listApiTokens, revokeApiToken } from './api-tokens.repo.ts';
import { deleteSessionsOfUser } from './sessions.repo.ts';
import { sha256 } from '../shared/tokens.ts';
import { recordAudit } from '../audit/audit.service.ts';

/** The signed-in user's own account: password and API tokens. */
export function accountRouter(deps: AppDeps) {
  const router = Router();
  router.use('/account', requireSignIn);

  const accountPage = async (userId: string) => ({ tokens: await listApiTokens(deps.db, userId) });

  router.get('/account', async (req, res) => {
    res.render('account/account.njk', await accountPage(req.user!.id));
  });

  router.get('/account/password', (_req, res) => res.render('account/password.njk', { values: {} }));

  router.post('/account/password', formView('account/password.njk'), async (req, res) => {
    const input = parse(ChangePassword, req.body);
    const actor = actorFrom(req);
    await changeOwnPassword(deps.db, actor, input);
    // Other browsers signed in as this user are signed out; this one stays signed in.
    await deleteSessionsOfUser(deps.db, actor.userId, sha256(req.sessionToken!));
    await setFlash(deps.db, req.sessionToken!, { success: 'Your password has been changed.' });
    res.redirect(303, '/');
  });

  router.post(
    '/account/tokens',
    formView('account/account.njk', (req) => accountPage(req.user!.id)),
    async (req, res) => {
      const { label } = parse(CreateToken, req.body);
      const actor = actorFrom(req);
      const token = await createApiToken(deps.db, actor, actor.userId, label);
      res.render('account/token-created.njk', { token, label });
    },
  );

  router.post('/account/tokens/:id/revoke', async (req, res) => {
    const actor = actorFrom(req);
    const id = parseId(req.params.id, 'API token');
    // Only the user's own live tokens: anyone else's (or an unknown id) is "not found", never "done".
    if (!(await revokeApiToken(deps.db, actor.userId, id, new Date()))) throw notFound('API token');
    await recordAudit(deps.db, actor, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
    });
    await setFlash(deps.db, req.sessionToken!, { success: 'The API token has been revoked.' });
    res.redirect(303, '/account');
  });

  return router;
}
