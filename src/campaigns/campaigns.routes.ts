import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { eventKindLabels } from '../events/event-labels.ts';
import { londonDate, londonToday } from '../calendar/dates.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import { parse, parseId } from '../shared/validation.ts';
import { activeUsers } from '../users/users.service.ts';
import { campaignToForm, isReviewDue, ragTagClasses } from './campaign-labels.ts';
import { campaignChannels, rags, vatOptions } from './campaign-options.ts';
import { listCampaigns } from './campaigns.repo.ts';
import { CampaignForm, CampaignUpdateForm } from './campaigns.schema.ts';
import { addCampaignUpdate, campaignDetail, createCampaign, editCampaign } from './campaigns.service.ts';
import { lineTotals, VAT_RATE_PERCENT } from './campaign-costs.ts';

const labels = { campaignChannels, rags, vatOptions, ragTagClasses };

const formInput = (body: Record<string, unknown>) => ({
  ...body,
  startsOn: dateFromParts(body.startsOn),
  endsOn: dateFromParts(body.endsOn),
  reviewOn: dateFromParts(body.reviewOn),
});

/**
 * The comms action plan: every campaign with its cost and RAG rating, each campaign's page with
 * its public enquiry link, events, enquiries and progress notes, and the forms to add and change them.
 */
export function campaignsRouter(deps: AppDeps) {
  const router = Router();
  router.use('/campaigns', requireAccess('campaigns'));

  const formLocals = async (req: Request) => ({
    ...labels,
    owners: (await activeUsers(deps.db, req.user!.agencyId)).filter((u) => u.role !== 'admin'),
  });

  router.get('/campaigns', async (req, res) => {
    const today = londonToday();
    const campaigns = await listCampaigns(deps.db, req.user!.agencyId);
    res.render('campaigns/list.njk', {
      ...labels,
      campaigns: campaigns.map((c) => ({ ...c, reviewDue: isReviewDue(c.reviewOn, c.lastNoteOn, today) })),
    });
  });

  router.get('/campaigns/new', async (req, res) => {
    res.render('campaigns/form.njk', { ...(await formLocals(req)), values: { ownerId: req.user!.id } });
  });

  router.post('/campaigns', formView('campaigns/form.njk', formLocals), async (req, res) => {
    const input = parse(CampaignForm, formInput(req.body as Record<string, unknown>));
    const campaign = await createCampaign(deps.db, actorFrom(req), input);
    await setFlash(deps.db, req.sessionToken!, { success: `${campaign.name} added.` });
    res.redirect(303, `/campaigns/${campaign.id}`);
  });

  const detailLocals = async (req: Request) => {
    const campaign = await campaignDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Campaign'));
    return {
      ...labels,
      eventKindLabels,
      campaign,
      publicLink: `${deps.config.PUBLIC_URL}/enquire?campaign=${encodeURIComponent(campaign.code)}`,
      reviewDue: isReviewDue(
        campaign.reviewOn,
        campaign.updates[0] ? londonDate(campaign.updates[0].at) : null,
        londonToday(),
      ),
      costLines: campaign.costs.map((c) => ({ ...c, ...lineTotals(c) })),
      vatRate: VAT_RATE_PERCENT,
    };
  };

  router.get('/campaigns/:id', async (req, res) => {
    const locals = await detailLocals(req);
    res.render('campaigns/show.njk', { ...locals, values: { rag: locals.campaign.rag ?? '' } });
  });

  router.post('/campaigns/:id/updates', formView('campaigns/show.njk', detailLocals), async (req, res) => {
    const id = parseId(req.params.id, 'Campaign');
    await addCampaignUpdate(deps.db, actorFrom(req), id, parse(CampaignUpdateForm, req.body));
    await setFlash(deps.db, req.sessionToken!, { success: 'Progress note added.' });
    res.redirect(303, `/campaigns/${id}#progress`);
  });

  const editLocals = async (req: Request) => ({
    ...(await formLocals(req)),
    campaign: await campaignDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Campaign')),
  });

  router.get('/campaigns/:id/edit', async (req, res) => {
    const locals = await editLocals(req);
    res.render('campaigns/form.njk', { ...locals, values: campaignToForm(locals.campaign) });
  });

  router.post('/campaigns/:id', formView('campaigns/form.njk', editLocals), async (req, res) => {
    const id = parseId(req.params.id, 'Campaign');
    const input = parse(CampaignForm, formInput(req.body as Record<string, unknown>));
    await editCampaign(deps.db, actorFrom(req), id, input);
    await setFlash(deps.db, req.sessionToken!, { success: 'Campaign updated.' });
    res.redirect(303, `/campaigns/${id}`);
  });

  return router;
}
