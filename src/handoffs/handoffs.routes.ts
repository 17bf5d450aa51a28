import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { stageLabels } from '../pipeline/stages.ts';
import { can } from '../shared/access.ts';
import { notFound } from '../shared/errors.ts';
import { parse, parseId, parsePageQuery } from '../shared/validation.ts';
import { formView } from '../web/http.ts';
import { dueDay } from './handoff-clock.ts';
import {
  handoffFormValues,
  HandoffSettingsForm,
  loadHandoffSettings,
  MAX_ANSWER_WORKING_DAYS,
  saveHandoffSettings,
} from './handoff-settings.ts';
import {
  HandoffListQuery,
  handoffStatuses,
  handoffStatusLabels,
  OfferHandoff,
  ReturnHandoff,
} from './handoffs.schema.ts';
import { acceptHandoff, handoffList, handoffSide, offerHandoff, returnHandoff } from './handoffs.service.ts';
import { offerFormFor } from './household-handoff.ts';

/**
 * Hand-off pages (issue 17): at a hub, "Offer to a council" from the household page and the list of
 * its offers by status; at a member council, "Households offered by the hub" with accept and return
 * (with a reason); the hub's managers set how long councils have to answer.
 */
export function handoffsRouter(deps: AppDeps) {
  const router = Router();

  const offerPage = async (req: Request) => ({
    ...(await offerFormFor(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry'))),
  });

  router.get('/enquiries/:id/handoff', requireAccess('households'), async (req, res) => {
    const form = await offerPage(req);
    res.render('handoffs/offer.njk', { ...form, values: { to: form.preselected ?? undefined } });
  });

  router.post(
    '/enquiries/:id/handoff',
    requireAccess('households'),
    formView('handoffs/offer.njk', offerPage),
    async (req, res) => {
      const id = parseId(req.params.id, 'Enquiry');
      const offer = await offerHandoff(deps.db, actorFrom(req), id, parse(OfferHandoff, req.body));
      await setFlash(deps.db, req.sessionToken!, {
        success: `Household offered. The council has until the end of ${formatDay(offer.dueAt)} to answer.`,
      });
      res.redirect(303, `/enquiries/${id}#handoff`);
    },
  );

  router.get('/handoffs', requireAccess('households'), async (req, res) => {
    const side = await handoffSide(deps.db, req.user!.agencyId);
    if (!side) throw notFound('Page');
    const status = parsePageQuery(HandoffListQuery, req.query).status ?? 'offered';
    const items = (await handoffList(deps.db, actorFrom(req), { status })).map((h) => ({
      ...h,
      dueOn: dueDay(new Date(h.dueAt)),
      overdue: h.status === 'offered' && new Date(h.dueAt) <= new Date(),
    }));
    res.render('handoffs/list.njk', {
      side,
      status,
      items,
      canChangeSettings: can(req.user!.role, 'hubSettings'),
      stageLabels,
      tabs: handoffStatuses.map((s) => ({ status: s, text: handoffStatusLabels[s] })),
    });
  });

  router.post('/handoffs/:id/accept', requireAccess('households'), async (req, res) => {
    const accepted = await acceptHandoff(deps.db, actorFrom(req), parseId(req.params.id, 'Hand-off'));
    await setFlash(deps.db, req.sessionToken!, {
      success: 'Household accepted. It is now yours, with its whole history.',
    });
    res.redirect(303, `/enquiries/${accepted.enquiryId}`);
  });

  const returnPage = async (req: Request) => {
    const id = parseId(req.params.id, 'Hand-off');
    const [offer] = (await handoffList(deps.db, actorFrom(req), { status: 'offered' })).filter(
      (h) => h.id === id && h.household,
    );
    if (!offer) throw notFound('Hand-off');
    return { offer };
  };

  router.get('/handoffs/:id/return', requireAccess('households'), async (req, res) => {
    res.render('handoffs/return.njk', await returnPage(req));
  });

  router.post(
    '/handoffs/:id/return',
    requireAccess('households'),
    formView('handoffs/return.njk', returnPage),
    async (req, res) => {
      const { reason } = parse(ReturnHandoff, req.body);
      await returnHandoff(deps.db, actorFrom(req), parseId(req.params.id, 'Hand-off'), reason);
      await setFlash(deps.db, req.sessionToken!, {
        success: 'Household returned to the hub with your reason.',
      });
      res.redirect(303, '/handoffs?status=offered');
    },
  );

  const settingsLocals = () => ({ maxDays: MAX_ANSWER_WORKING_DAYS });
  const hubOnly = async (req: Request) => {
    if ((await handoffSide(deps.db, req.user!.agencyId)) !== 'hub') throw notFound('Page');
  };

  router.get('/handoff-settings', requireAccess('hubSettings'), async (req, res) => {
    await hubOnly(req);
    const settings = await loadHandoffSettings(deps.db, req.user!.agencyId);
    res.render('handoffs/settings.njk', { ...settingsLocals(), values: handoffFormValues(settings) });
  });

  router.post(
    '/handoff-settings',
    requireAccess('hubSettings'),
    formView('handoffs/settings.njk', settingsLocals),
    async (req, res) => {
      const form = parse(HandoffSettingsForm, req.body);
      await hubOnly(req);
      await saveHandoffSettings(deps.db, actorFrom(req), form);
      await setFlash(deps.db, req.sessionToken!, { success: 'Hand-off settings saved.' });
      res.redirect(303, '/handoff-settings');
    },
  );

  return router;
}

const formatDay = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(new Date(iso).getTime() - 1));
