import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { requireEnquiry } from '../enquiries/activity.service.ts';
import { routeLabels } from '../enquiries/enquiry-options.ts';
import { householdPageLocals } from '../household/household.routes.ts';
import { blankToUndefined } from '../shared/fields.ts';
import { parse, parseId } from '../shared/validation.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import { ChangeRoute, RecordExtension } from './connected-person.schema.ts';
import { changeRoute, recordExtension } from './connected-person.service.ts';

/** `{ day, month, year }` for a GOV.UK date input showing a stored date. */
const dateParts = (iso: string | null | undefined) => {
  if (!iso) return undefined;
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};

const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

/** The household page's "Change route" page and its temporary approval extension form. */
export function connectedPersonRouter(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries/:id/route', requireAccess('households'));
  router.use('/enquiries/:id/temporary-approval', requireAccess('households'));

  const routeForm = async (req: Request) => ({
    enquiry: await requireEnquiry(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry')),
    routeLabels,
  });

  router.get('/enquiries/:id/route', async (req, res) => {
    const locals = await routeForm(req);
    const { route, placedOn } = locals.enquiry;
    res.render('connected-person/route.njk', { ...locals, values: { route, placedOn: dateParts(placedOn) } });
  });

  router.post('/enquiries/:id/route', formView('connected-person/route.njk', routeForm), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const b = body(req);
    // A blank placement date on this form means "none": it clears a recorded one.
    const input = parse(ChangeRoute, {
      route: blankToUndefined(b.route),
      placedOn: dateFromParts(b.placedOn) ?? null,
    });
    await changeRoute(deps.db, actorFrom(req), id, input);
    await setFlash(deps.db, req.sessionToken!, { success: 'Route updated.' });
    res.redirect(303, `/enquiries/${id}`);
  });

  router.post(
    '/enquiries/:id/temporary-approval/extension',
    formView('enquiries/show.njk', householdPageLocals(deps)),
    async (req, res) => {
      const id = parseId(req.params.id, 'Enquiry');
      const b = body(req);
      const input = parse(RecordExtension, {
        weeks: b.weeks,
        agreedOn: dateFromParts(b.agreedOn) ?? '',
        agreedBy: b.agreedBy,
        reason: b.reason,
      });
      await recordExtension(deps.db, actorFrom(req), id, input);
      await setFlash(deps.db, req.sessionToken!, {
        success: 'Extension of the temporary approval recorded.',
      });
      res.redirect(303, `/enquiries/${id}#temporary-approval`);
    },
  );

  return router;
}
