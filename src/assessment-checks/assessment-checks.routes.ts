import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { requireEnquiry } from '../enquiries/activity.service.ts';
import { relationshipLabels } from '../households/household-labels.ts';
import { AppError } from '../shared/errors.ts';
import { parse, parseId } from '../shared/validation.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import type { recordableStatuses } from './assessment-checks.schema.ts';
import { AddAdult, AddReferee, UpdateCheck, dateFieldFor } from './assessment-checks.schema.ts';
import {
  addAdult,
  addReferee,
  canSeeConcerns,
  checklistFor,
  generateChecklist,
  updateAssessmentCheck,
} from './assessment-checks.service.ts';
import { refereeKindLabels } from './check-types.defaults.ts';
import { outcomeLabels, statusLabels } from './checklist.ts';

const body = (req: Request) => req.body as Record<string, unknown>;
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The form's one date field `on` stands for the date of whichever status was chosen. */
const dateFields = ['requestedOn', 'chasedOn', 'receivedOn'];
async function onDateField<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof AppError) || !err.issues.some((i) => dateFields.includes(i.path))) throw err;
    const issues = err.issues.map((i) => (dateFields.includes(i.path) ? { ...i, path: 'on' } : i));
    throw new AppError(err.code, err.message, { issues, details: err.details });
  }
}

/** The record form's fields as the API's change: the date goes with the chosen status. */
function changeFromForm(b: Record<string, unknown>) {
  const status = blank(b.status) as (typeof recordableStatuses)[number] | undefined;
  const on = dateFromParts(b.on);
  if (on !== undefined && !status) {
    throw new AppError('validation', 'Choose what happened on this date', {
      issues: [{ path: 'status', message: 'Choose what happened on this date' }],
    });
  }
  return {
    ...(status ? { status } : {}),
    ...(status && on !== undefined ? { [dateFieldFor(status)]: on } : {}),
    ...(blank(b.outcome) ? { outcome: b.outcome } : {}),
    ...(blank(b.outcomeNote) ? { outcomeNote: b.outcomeNote } : {}),
  };
}

/**
 * The assessment checklist's forms on the household page (issue 18): record what happened to an
 * item, refresh the checklist, name a referee, add an adult who lives in the household.
 */
export function assessmentChecksRouter(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries/:id/checks', requireAccess('households'));
  const back = (id: string) => `/enquiries/${id}#assessment-checks`;

  const recordForm = async (req: Request) => {
    const actor = actorFrom(req);
    const enquiry = await requireEnquiry(deps.db, actor, parseId(req.params.id, 'Enquiry'));
    const checkId = parseId(req.params.checkId, 'Check');
    const check = (await checklistFor(deps.db, actor, enquiry.id)).find((c) => c.id === checkId);
    if (!check) throw new AppError('not_found', 'Check was not found.');
    return {
      enquiry,
      check,
      statusLabels,
      outcomeLabels,
      seesConcerns: canSeeConcerns(actor),
      refereeKindLabels,
    };
  };

  router.post('/enquiries/:id/checks/generate', async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const made = await generateChecklist(deps.db, actorFrom(req), id);
    await setFlash(deps.db, req.sessionToken!, {
      success:
        made === 0
          ? 'The checklist is up to date: nothing to add.'
          : `${made} ${made === 1 ? 'check' : 'checks'} added to the checklist.`,
    });
    res.redirect(303, back(id));
  });

  const refereeForm = async (req: Request) => ({
    enquiry: await requireEnquiry(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry')),
    refereeKindLabels,
  });
  router.get('/enquiries/:id/checks/referees/new', async (req, res) => {
    res.render('assessment-checks/referee.njk', { ...(await refereeForm(req)), values: {} });
  });
  router.post(
    '/enquiries/:id/checks/referees',
    formView('assessment-checks/referee.njk', refereeForm),
    async (req, res) => {
      const id = parseId(req.params.id, 'Enquiry');
      await addReferee(deps.db, actorFrom(req), id, parse(AddReferee, body(req)));
      await setFlash(deps.db, req.sessionToken!, { success: 'Referee added to the checklist.' });
      res.redirect(303, back(id));
    },
  );

  const adultForm = async (req: Request) => ({
    enquiry: await requireEnquiry(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry')),
    relationshipLabels,
  });
  router.get('/enquiries/:id/checks/adults/new', async (req, res) => {
    res.render('assessment-checks/adult.njk', { ...(await adultForm(req)), values: {} });
  });
  router.post(
    '/enquiries/:id/checks/adults',
    formView('assessment-checks/adult.njk', adultForm),
    async (req, res) => {
      const id = parseId(req.params.id, 'Enquiry');
      const b = body(req);
      const input = parse(AddAdult, { ...b, dateOfBirth: dateFromParts(b.dateOfBirth) });
      const { made } = await addAdult(deps.db, actorFrom(req), id, input);
      await setFlash(deps.db, req.sessionToken!, {
        success: `Adult added to the household; ${made} ${made === 1 ? 'check' : 'checks'} added to the checklist.`,
      });
      res.redirect(303, back(id));
    },
  );

  router.get('/enquiries/:id/checks/:checkId', async (req, res) => {
    res.render('assessment-checks/record.njk', { ...(await recordForm(req)), values: {} });
  });
  router.post(
    '/enquiries/:id/checks/:checkId',
    formView('assessment-checks/record.njk', recordForm),
    async (req, res) => {
      const id = parseId(req.params.id, 'Enquiry');
      const checkId = parseId(req.params.checkId, 'Check');
      const check = await onDateField(async () => {
        const input = parse(UpdateCheck, changeFromForm(body(req)));
        return updateAssessmentCheck(deps.db, actorFrom(req), id, checkId, input);
      });
      await setFlash(deps.db, req.sessionToken!, { success: `${check.checkType.label}: recorded.` });
      res.redirect(303, back(id));
    },
  );

  return router;
}
