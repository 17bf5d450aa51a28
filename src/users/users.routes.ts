import { Router } from 'express';
import { z } from 'zod';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { formView } from '../web/http.ts';
import { parse, parseId } from '../shared/validation.ts';
import { roleLabels, roles } from '../shared/roles.ts';
import { listUsers } from './users.repo.ts';
import { CreateUser } from './users.schema.ts';
import { changeRoleOrStatus, createUser, resetPassword } from './users.service.ts';

const UpdateUser = z.object({
  role: z.enum(roles, { error: 'Select a role' }).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const roleItems = roles.map((value) => ({ value, text: roleLabels[value] }));

/** Administrators manage the users of their own agency. */
export function usersRouter(deps: AppDeps) {
  const router = Router();
  router.use('/admin/users', requireAccess('administration'));

  router.get('/admin/users', async (req, res) => {
    res.render('users/list.njk', { users: await listUsers(deps.db, req.user!.agencyId), roleLabels });
  });

  router.get('/admin/users/new', (_req, res) => res.render('users/new.njk', { values: {}, roleItems }));

  router.post(
    '/admin/users',
    formView('users/new.njk', () => ({ roleItems })),
    async (req, res) => {
      const input = parse(CreateUser, req.body);
      const { user, password } = await createUser(deps.db, actorFrom(req), input);
      res.render('users/created.njk', { user, password, roleLabels });
    },
  );

  router.post('/admin/users/:id', async (req, res) => {
    const id = parseId(req.params.id, 'User');
    const input = parse(UpdateUser, req.body);
    const user = await changeRoleOrStatus(deps.db, actorFrom(req), id, input);
    await setFlash(deps.db, req.sessionToken!, { success: `${user.name}'s access has been updated.` });
    res.redirect(303, '/admin/users');
  });

  router.post('/admin/users/:id/reset-password', async (req, res) => {
    const id = parseId(req.params.id, 'User');
    const password = await resetPassword(deps.db, actorFrom(req), id);
    const user = (await listUsers(deps.db, req.user!.agencyId)).find((u) => u.id === id)!;
    res.render('users/created.njk', { user, password, roleLabels, reset: true });
  });

  return router;
}
