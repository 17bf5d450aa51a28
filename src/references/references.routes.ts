import { Router, type Request, type Response } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { parseId } from '../shared/validation.ts';
import { formView } from '../web/http.ts';
import { referenceAnswersFor } from './household-references.ts';
import {
  ANSWER_MAX,
  DECLARATION,
  REFERENCE_LINK_VALID_DAYS,
  referenceQuestions,
  type ReferenceLinkState,
} from './reference-rules.ts';
import {
  referenceFormContext,
  referenceLink,
  sendReferenceRequest,
  submitReference,
} from './references.service.ts';

/** What each dead link answers: the page says why, and that nothing was saved. */
const statusFor: Record<Exclude<ReferenceLinkState, 'open'>, number> = {
  invalid: 404,
  expired: 410,
  submitted: 409,
  withdrawn: 410,
};

/**
 * The referee's form (issue 18 §2). `/reference/<token>`: public, no sign-in — the signed token is
 * the credential, so it is mounted before sessions and CSRF, like the exit survey. The page shows
 * the applicants' names and the service's name, nothing else about the household. A dead link
 * (tampered, expired, used, no longer needed) says so, saves nothing, and shows back anything typed.
 */
export function referencePublicRouter(deps: AppDeps) {
  const router = Router();
  const token = (req: Request) => String(req.params.token);
  const formLocals = async (req: Request) => {
    const { item } = await referenceLink(deps.db, token(req));
    const context = item ? await referenceFormContext(deps.db, item) : { applicantNames: '', agencyName: '' };
    return {
      ...context,
      token: token(req),
      questions: referenceQuestions,
      declaration: DECLARATION,
      answerMax: ANSWER_MAX,
    };
  };
  const problem = (res: Response, state: Exclude<ReferenceLinkState, 'open'>, typed?: unknown) =>
    res
      .status(state === 'submitted' && !typed ? 200 : statusFor[state])
      .render('references/link-problem.njk', {
        state,
        typed: typed ?? null,
        validDays: REFERENCE_LINK_VALID_DAYS,
      });

  router.get('/reference/:token', async (req, res) => {
    const { state } = await referenceLink(deps.db, token(req));
    if (state !== 'open') return problem(res, state);
    res.render('references/form.njk', { ...(await formLocals(req)), values: {} });
  });

  router.post('/reference/:token', formView('references/form.njk', formLocals), async (req, res) => {
    const result = await submitReference(deps.db, token(req), req.body ?? {});
    if (result !== 'saved') return problem(res, result, req.body ?? {});
    res.render('references/thank-you.njk');
  });
  return router;
}

/**
 * The officer's side, from the household page: sending (or sending again) a referee's form; and the
 * manager's: reading what a referee wrote (restricted, audited).
 */
export function referencesRouter(deps: AppDeps) {
  const router = Router();
  router.post('/enquiries/:id/references/:checkId/send', requireAccess('households'), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const checkId = parseId(req.params.checkId, 'Reference');
    await sendReferenceRequest(deps, actorFrom(req), id, checkId);
    await setFlash(deps.db, req.sessionToken!, {
      success: `The reference form is on its way. The link works for ${REFERENCE_LINK_VALID_DAYS} days; reminders go after 7 and 14 days.`,
    });
    res.redirect(303, `/enquiries/${id}#references`);
  });

  router.get('/enquiries/:id/references/:checkId', requireAccess('management'), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const checkId = parseId(req.params.checkId, 'Reference');
    const reference = await referenceAnswersFor(deps.db, actorFrom(req), id, checkId);
    res.render('references/answers.njk', { enquiryId: id, reference, pageTitle: 'Reference' });
  });
  return router;
}
