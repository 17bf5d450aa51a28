import { Router, type Request } from 'express';
import { membersOfHub } from '../agencies/agencies.repo.ts';
import { z } from 'zod';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { consentChannels } from '../privacy/consents.table.ts';
import { consentIntro, consentWording } from '../privacy/consent-wording.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import { requiredText } from '../shared/fields.ts';
import { londonToday } from '../calendar/dates.ts';
import { parse, parseId, parsePageQuery } from '../shared/validation.ts';
import { caseworkers, dismissDuplicates, recordContactAttempt } from './activity.service.ts';
import {
  channelLabels,
  channels,
  contactMethods,
  contactOutcomes,
  heardAboutOptions,
  routeLabels,
} from './enquiry-options.ts';
import { enquiryFormToInput } from './enquiry-form.ts';
import { ContactAttempt, CreateEnquiry, ListQuery } from './enquiries.schema.ts';
import { createEnquiry } from './enquiries.service.ts';
import { getEnquiryDetail } from '../household/household.service.ts';
import { countForActor, listForActor } from './enquiry-list.service.ts';
import { deleteSavedView, listSavedViews, upsertSavedView } from './saved-views.repo.ts';
import { recentCommunityEvents } from '../events/events.service.ts';
import { relationshipLabels } from '../households/household-labels.ts';
import { stageLabels } from '../pipeline/stages.ts';

const stageFilterOptions = [
  { value: '', text: 'Any stage' },
  { value: 'active', text: 'Any active stage' },
  ...Object.entries(stageLabels).map(([value, text]) => ({ value, text })),
];

const SaveView = z.object({ name: requiredText('a name for this view', 60), query: z.string().max(1000) });

/** Staff pages for enquiries: list and search, log a new one, contact attempts (the household page: src/household/). */
export function enquiriesRouter(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries', requireAccess('households'));

  const formOptions = async (req: Request) => ({
    officers: await caseworkers(deps.db, req.user!.agencyId),
    /** At a hub, the member councils to choose from (issue 17); none at a council. */
    memberCouncils: await membersOfHub(deps.db, req.user!.agencyId),
    channels: channels.map((value) => ({ value, text: channelLabels[value] })),
    routeLabels,
    heardAboutOptions,
    consentChannels,
    consentWording,
    consentIntro,
    relationshipLabels,
    stageLabels,
    communityEvents: await recentCommunityEvents(
      deps.db,
      req.user!.agencyId,
      new Date(Date.now() - 180 * 86_400_000),
      new Date(Date.now() + 86_400_000),
    ),
    today: londonToday(),
  });

  const listPage = async (req: Request, rawQuery: Record<string, unknown>) => {
    const query = parsePageQuery(ListQuery, rawQuery);
    const actor = actorFrom(req);
    const [page, total, views, officers] = await Promise.all([
      listForActor(deps.db, actor, query),
      countForActor(deps.db, actor, query),
      listSavedViews(deps.db, actor.userId),
      caseworkers(deps.db, actor.agencyId),
    ]);
    const memberCouncils = await membersOfHub(deps.db, actor.agencyId);
    const filters = Object.entries(rawQuery).filter(
      ([k, v]) => k !== 'cursor' && k !== 'limit' && typeof v === 'string' && v,
    );
    return {
      ...page,
      total,
      query,
      filterQuery: new URLSearchParams(filters as [string, string][]).toString(),
      views,
      officers,
      memberCouncils,
      channelLabels,
      routeLabels,
      stageLabels,
      stageOptions: stageFilterOptions,
      now: new Date(),
    };
  };

  router.get('/enquiries', async (req, res) => {
    res.render('enquiries/list.njk', await listPage(req, req.query as Record<string, unknown>));
  });

  router.post(
    '/enquiries/views',
    formView('enquiries/list.njk', (req) =>
      listPage(
        req,
        Object.fromEntries(new URLSearchParams(String((req.body as { query?: string }).query ?? ''))),
      ),
    ),
    async (req, res) => {
      const actor = actorFrom(req);
      const { name, query } = parse(SaveView, req.body);
      const clean = query.replace(/^\?/, '');
      await upsertSavedView(deps.db, { agencyId: actor.agencyId, userId: actor.userId, name, query: clean });
      await setFlash(deps.db, req.sessionToken!, { success: `Saved the view “${name}”.` });
      res.redirect(303, `/enquiries?${clean}`);
    },
  );

  router.post('/enquiries/views/:id/delete', async (req, res) => {
    await deleteSavedView(deps.db, actorFrom(req).userId, parseId(req.params.id, 'Saved view'));
    res.redirect(303, '/enquiries');
  });

  router.get('/enquiries/new', async (req, res) => {
    res.render('enquiries/new.njk', {
      ...(await formOptions(req)),
      values: { channel: 'phone', assignedOfficerId: req.user!.role === 'officer' ? req.user!.id : '' },
    });
  });

  router.post('/enquiries', formView('enquiries/new.njk', formOptions), async (req, res) => {
    const input = parse(CreateEnquiry, enquiryFormToInput(req.body as Record<string, unknown>));
    const enquiry = await createEnquiry(deps.db, actorFrom(req), input, 'staff');
    await setFlash(deps.db, req.sessionToken!, { success: 'Enquiry logged.' });
    res.redirect(303, `/enquiries/${enquiry.id}`);
  });

  router.post('/enquiries/:id/not-duplicates', async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    await dismissDuplicates(deps.db, actorFrom(req), id);
    res.redirect(303, `/enquiries/${id}`);
  });

  const contactForm = async (req: Request) => ({
    enquiry: await getEnquiryDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry')),
    contactMethods,
    contactOutcomes,
  });

  router.get('/enquiries/:id/contacts/new', async (req, res) => {
    res.render('enquiries/contact.njk', { ...(await contactForm(req)), values: { method: 'phone' } });
  });

  router.post('/enquiries/:id/contacts', formView('enquiries/contact.njk', contactForm), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const body = req.body as Record<string, unknown>;
    const input = parse(ContactAttempt, { ...body, at: dateFromParts(body.at) });
    await recordContactAttempt(deps.db, actorFrom(req), id, input);
    await setFlash(deps.db, req.sessionToken!, { success: 'Contact attempt recorded.' });
    res.redirect(303, `/enquiries/${id}`);
  });

  return router;
}
