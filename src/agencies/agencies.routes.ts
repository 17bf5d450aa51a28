import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { formView } from '../web/http.ts';
import { parse } from '../shared/validation.ts';
import { AppError } from '../shared/errors.ts';
import { findMember } from './agencies.repo.ts';
import { MemberChanges, NewMember } from './agencies.schema.ts';
import { addMember, agencyOverview, changeMember, hubOfActor } from './agencies.service.ts';

/**
 * The administrator's page about their agency (issue 17 §1): at a council, its code and postcode
 * areas (and its hub, if it has one); at a hub, the hub and its member councils, each with its
 * population, share of the costs and postcode areas, which the hub's administrator adds and changes.
 */
export function agenciesRouter(deps: AppDeps) {
  const router = Router();
  router.use('/admin/agency', requireAccess('administration'));

  router.get('/admin/agency', async (req, res) => {
    res.render('hubs/agency.njk', await agencyOverview(deps.db, req.user!.agencyId));
  });

  const hubLocals = async (req: Request) => ({ hub: await hubOfActor(deps.db, actorFrom(req)) });

  router.get('/admin/agency/members/new', async (req, res) => {
    res.render('hubs/member-form.njk', { ...(await hubLocals(req)), values: {} });
  });

  router.post('/admin/agency/members', formView('hubs/member-form.njk', hubLocals), async (req, res) => {
    const member = await addMember(deps.db, actorFrom(req), parse(NewMember, req.body));
    await setFlash(deps.db, req.sessionToken!, { success: `${member.name} added as a member council.` });
    res.redirect(303, '/admin/agency');
  });

  const memberLocals = async (req: Request) => {
    const { hub } = await hubLocals(req);
    const member = await findMember(deps.db, hub.id, String(req.params.code));
    if (!member) throw new AppError('not_found', 'That member council was not found.');
    return { hub, member };
  };

  router.get('/admin/agency/members/:code', async (req, res) => {
    const { hub, member } = await memberLocals(req);
    res.render('hubs/member-form.njk', {
      hub,
      member,
      values: {
        name: member.name,
        postcodes: member.areaPostcodePrefixes.join(', '),
        population: member.population ?? '',
      },
    });
  });

  router.post(
    '/admin/agency/members/:code',
    formView('hubs/member-form.njk', memberLocals),
    async (req, res) => {
      const member = await changeMember(
        deps.db,
        actorFrom(req),
        String(req.params.code),
        parse(MemberChanges, req.body),
      );
      await setFlash(deps.db, req.sessionToken!, { success: `${member.name} saved.` });
      res.redirect(303, '/admin/agency');
    },
  );

  return router;
}
