import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse, parseId } from '../shared/validation.ts';
import { noQuery } from '../web/query.ts';
import { listCampaigns } from './campaigns.repo.ts';
import { CampaignApi, CampaignUpdateApi } from './campaigns.schema.ts';
import { addCampaignUpdate, campaignDetail, createCampaign, editCampaign } from './campaigns.service.ts';

/** `/api/v1/campaigns`: the comms action plan, its costs and progress notes (docs/api.md). */
export function campaignsApi(deps: AppDeps) {
  const router = Router();
  router.use('/campaigns', requireAccess('campaigns'));

  router.post('/campaigns', async (req, res) => {
    const actor = actorFrom(req);
    const campaign = await createCampaign(deps.db, actor, parse(CampaignApi, req.body));
    res.status(201).json(await campaignDetail(deps.db, actor, campaign.id));
  });

  router.get('/campaigns', noQuery, async (req, res) => {
    res.json({ items: await listCampaigns(deps.db, req.user!.agencyId) });
  });

  router.get('/campaigns/:id', noQuery, async (req, res) => {
    res.json(await campaignDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Campaign')));
  });

  router.patch('/campaigns/:id', async (req, res) => {
    const actor = actorFrom(req);
    const id = parseId(req.params.id, 'Campaign');
    await editCampaign(deps.db, actor, id, parse(CampaignApi, req.body));
    res.json(await campaignDetail(deps.db, actor, id));
  });

  router.post('/campaigns/:id/updates', async (req, res) => {
    const id = parseId(req.params.id, 'Campaign');
    const input = parse(CampaignUpdateApi, req.body);
    res.status(201).json(await addCampaignUpdate(deps.db, actorFrom(req), id, input));
  });

  return router;
}
