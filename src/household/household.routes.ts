import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { addNote, assignOfficer, caseworkers } from '../enquiries/activity.service.ts';
import { AddNote, Assign } from '../enquiries/enquiries.schema.ts';
import { formView } from '../web/http.ts';
import { parse, parseId } from '../shared/validation.ts';
import { enquiryPageModel } from './household-page.ts';
import { getEnquiryDetail } from './household.service.ts';
import { householdWork } from './household-work.ts';
import { liftLegalHold, placeLegalHold } from '../retention/legal-holds.service.ts';
import { LiftLegalHold, PlaceLegalHold } from '../retention/retention.schema.ts';

/** Everything the household page shows, for its own route and for forms on it that fail validation. */
export const householdPageLocals = (deps: AppDeps) => async (req: Request) => {
  const actor = actorFrom(req);
  const detail = await getEnquiryDetail(deps.db, actor, parseId(req.params.id, 'Enquiry'));
  const [work, officers] = await Promise.all([
    householdWork(deps, actor, detail),
    caseworkers(deps.db, req.user!.agencyId),
  ]);
  return { ...enquiryPageModel(detail, officers, req.user!.role, work), work };
};

/**
 * The household page and the actions that re-render it (a note, the assigned officer). Mounted
 * after the enquiries router, so `/enquiries/new` and the other fixed paths are matched first.
 */
export function householdRouter(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries', requireAccess('households'));

  const householdPage = householdPageLocals(deps);

  router.get('/enquiries/:id', async (req, res) => {
    res.render('enquiries/show.njk', await householdPage(req));
  });

  router.post('/enquiries/:id/notes', formView('enquiries/show.njk', householdPage), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    await addNote(deps.db, actorFrom(req), id, parse(AddNote, req.body));
    await setFlash(deps.db, req.sessionToken!, { success: 'Note added.' });
    res.redirect(303, `/enquiries/${id}#timeline`);
  });

  router.post('/enquiries/:id/assign', formView('enquiries/show.njk', householdPage), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    await assignOfficer(deps.db, actorFrom(req), id, parse(Assign, req.body));
    await setFlash(deps.db, req.sessionToken!, { success: 'Assignment updated.' });
    res.redirect(303, `/enquiries/${id}`);
  });

  // Legal hold on the household (issue 15): managers place and lift it from the household page.
  const holdRoute = (
    path: string,
    act: (req: Request, householdId: string) => Promise<unknown>,
    done: string,
  ) =>
    router.post(
      path,
      requireAccess('disposal'),
      formView('enquiries/show.njk', householdPage),
      async (req, res) => {
        const id = parseId(req.params.id, 'Enquiry');
        const detail = await getEnquiryDetail(deps.db, actorFrom(req), id);
        await act(req, detail.household.id);
        await setFlash(deps.db, req.sessionToken!, { success: done });
        res.redirect(303, `/enquiries/${id}#records`);
      },
    );
  holdRoute(
    '/enquiries/:id/legal-hold',
    (req, householdId) =>
      placeLegalHold(deps.db, actorFrom(req), householdId, parse(PlaceLegalHold, req.body)),
    'Legal hold placed: nothing about this household will be anonymised or erased until it is lifted.',
  );
  holdRoute(
    '/enquiries/:id/legal-hold/lift',
    (req, householdId) => liftLegalHold(deps.db, actorFrom(req), householdId, parse(LiftLegalHold, req.body)),
    'Legal hold lifted.',
  );

  return router;
}
