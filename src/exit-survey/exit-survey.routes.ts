import { Router, type Response } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { parseId } from '../shared/validation.ts';
import { formView } from '../web/http.ts';
import { OWN_WORDS_MAX, surveyChoiceKeys, surveyChoices } from './exit-survey-rules.ts';
import {
  acceptSuggestedCode,
  answerSurvey,
  surveyState,
  type SurveyState,
} from './exit-survey-answers.service.ts';

/** What each dead link answers: the page says why, and that nothing was saved. */
const statusFor: Record<Exclude<SurveyState, 'open'>, number> = { invalid: 404, expired: 410, answered: 409 };

const choiceItems = surveyChoiceKeys.map((key) => {
  const choice: { text: string; hint?: string } = surveyChoices[key];
  return { value: key, text: choice.text, hint: choice.hint };
});
const formLocals = (token: string) => ({ token, choiceItems, ownWordsMax: OWN_WORDS_MAX });

/**
 * The exit survey (issue 16 §4). `/survey/<token>`: public, no sign-in — the signed token is the
 * credential, so it is mounted before sessions and CSRF, like unsubscribe links. One page, every
 * question optional; a dead link (tampered, expired, already answered) says so and saves nothing,
 * and shows back anything they typed so it is not lost.
 */
export function exitSurveyPublicRouter(deps: AppDeps) {
  const router = Router();
  const problem = (res: Response, state: Exclude<SurveyState, 'open'>, typed?: unknown) =>
    res
      .status(state === 'answered' && !typed ? 200 : statusFor[state])
      .render('exit-survey/link-problem.njk', {
        state,
        typed: typed ?? null,
      });

  router.get('/survey/:token', async (req, res) => {
    const state = await surveyState(deps.db, req.params.token);
    if (state !== 'open') return problem(res, state);
    res.render('exit-survey/survey.njk', { ...formLocals(req.params.token), values: {} });
  });

  router.post(
    '/survey/:token',
    formView('exit-survey/survey.njk', (req) => formLocals(String(req.params.token))),
    async (req, res) => {
      const result = await answerSurvey(deps.db, String(req.params.token), req.body ?? {});
      if (result !== 'saved') return problem(res, result, req.body ?? {});
      res.render('exit-survey/thank-you.njk');
    },
  );
  return router;
}

/** The officer's side: applying an answer's suggested code as the closing reason, from the household page. */
export function exitSurveyRouter(deps: AppDeps) {
  const router = Router();
  router.post('/enquiries/:id/exit-survey/accept', requireAccess('households'), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const code = await acceptSuggestedCode(deps.db, actorFrom(req), id, req.body);
    await setFlash(deps.db, req.sessionToken!, {
      success: `The closing reason is now ${code}. The reason first recorded stays in the history.`,
    });
    res.redirect(303, `/enquiries/${id}#exit-survey`);
  });
  return router;
}
