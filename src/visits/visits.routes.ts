import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { caseworkers, requireEnquiry } from '../enquiries/activity.service.ts';
import { stageLabels } from '../pipeline/stages.ts';
import { notFound } from '../shared/errors.ts';
import { formatDateTime } from '../shared/format.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import { parse, parseId, parsePageQuery } from '../shared/validation.ts';
import { findVisit } from './visits.repo.ts';
import { VisitInput, VisitListQuery, visitFormValues } from './visits.schema.ts';
import { arrangeVisit, cancelVisit, completeVisit, rescheduleVisit, visitsList } from './visits.service.ts';

/** Initial visits: the team's list, arranging, changing, cancelling and recording them. */
export function visitsRouter(deps: AppDeps) {
  const router = Router();
  router.use(['/visits', '/enquiries/:id/visits'], requireAccess('households'));

  const visitBody = (req: Request) => {
    const body = req.body as Record<string, unknown>;
    return parse(VisitInput, {
      scheduledOn: dateFromParts(body.scheduledOn) ?? '',
      time: body.time,
      officerId: body.officerId,
    });
  };

  const officerOptions = async (req: Request) =>
    (await caseworkers(deps.db, req.user!.agencyId)).map((o) => ({ value: o.id, text: o.name }));

  const arrangeForm = async (req: Request) => {
    const enquiry = await requireEnquiry(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry'));
    return {
      enquiry,
      heading: 'Arrange an initial visit',
      action: `/enquiries/${enquiry.id}/visits`,
      officers: await officerOptions(req),
    };
  };

  router.get('/enquiries/:id/visits/new', async (req, res) => {
    const model = await arrangeForm(req);
    const me = model.officers.some((o) => o.value === req.user!.id) ? req.user!.id : '';
    res.render('visits/form.njk', { ...model, values: { officerId: me } });
  });

  router.post('/enquiries/:id/visits', formView('visits/form.njk', arrangeForm), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const visit = await arrangeVisit(deps.db, actorFrom(req), id, visitBody(req));
    await setFlash(deps.db, req.sessionToken!, {
      success: `Initial visit arranged for ${formatDateTime(visit.scheduledFor)}.`,
    });
    res.redirect(303, `/enquiries/${id}`);
  });

  const changeForm = async (req: Request) => {
    const visit = await findVisit(deps.db, req.user!.agencyId, parseId(req.params.visitId, 'Visit'));
    if (!visit) throw notFound('Visit');
    // A visit's enquiry always exists (a foreign key within the agency).
    const enquiry = await requireEnquiry(deps.db, actorFrom(req), visit.enquiryId);
    return {
      enquiry,
      visit,
      heading: 'Change the initial visit',
      action: `/visits/${visit.id}`,
      officers: await officerOptions(req),
    };
  };

  router.get('/visits/:visitId/edit', async (req, res) => {
    const model = await changeForm(req);
    res.render('visits/form.njk', { ...model, values: visitFormValues(model.visit) });
  });

  router.post('/visits/:visitId', formView('visits/form.njk', changeForm), async (req, res) => {
    const visit = await rescheduleVisit(
      deps.db,
      actorFrom(req),
      parseId(req.params.visitId, 'Visit'),
      visitBody(req),
    );
    await setFlash(deps.db, req.sessionToken!, {
      success: `Initial visit changed to ${formatDateTime(visit.scheduledFor)}.`,
    });
    res.redirect(303, `/enquiries/${visit.enquiryId}`);
  });

  router.post('/visits/:visitId/cancel', async (req, res) => {
    const visit = await cancelVisit(deps.db, actorFrom(req), parseId(req.params.visitId, 'Visit'));
    await setFlash(deps.db, req.sessionToken!, { success: 'Initial visit cancelled.' });
    res.redirect(303, `/enquiries/${visit.enquiryId}`);
  });

  router.post('/visits/:visitId/complete', async (req, res) => {
    const { visit, moved } = await completeVisit(
      deps.db,
      actorFrom(req),
      parseId(req.params.visitId, 'Visit'),
    );
    await setFlash(deps.db, req.sessionToken!, {
      success: moved
        ? `Initial visit recorded: moved to ${stageLabels.initial_visit}.`
        : 'Initial visit recorded as done.',
    });
    const fromList = (req.body as { returnTo?: unknown }).returnTo === 'list';
    res.redirect(303, fromList ? '/visits' : `/enquiries/${visit.enquiryId}`);
  });

  router.get('/visits', async (req, res) => {
    const query = parsePageQuery(VisitListQuery, req.query);
    const mine = (query.officer ?? (req.user!.role === 'officer' ? 'me' : 'all')) === 'me';
    res.render('visits/list.njk', {
      ...(await visitsList(deps.db, actorFrom(req), mine)),
      mine,
      stageLabels,
    });
  });

  return router;
}
