import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { systemActor, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { parse } from '../shared/validation.ts';
import { reasonLabel, stageLabels } from '../pipeline/stages.ts';
import {
  canAcceptSuggestion,
  codeWithWording,
  isSurveyChoice,
  suggestedCode,
  surveyChoices,
} from './exit-survey-rules.ts';
import { acceptCode, householdSurveys, recordAnswer } from './exit-survey.repo.ts';
import { AcceptSuggestion, SurveyAnswer } from './exit-survey.schema.ts';
import { surveyForToken } from './exit-survey.service.ts';

/** What a survey link leads to: the form, or why it cannot be answered. */
export type SurveyState = 'invalid' | 'expired' | 'answered' | 'open';

/** The state of the survey behind a token, at `now`. A tampered or unknown token is `invalid`. */
export async function surveyState(db: Db, token: string, now = new Date()): Promise<SurveyState> {
  const survey = await surveyForToken(db, token);
  if (!survey) return 'invalid';
  if (survey.answeredAt) return 'answered';
  if (survey.expiresAt <= now) return 'expired';
  return 'open';
}

/**
 * Saves an answer through a survey link. Bad input is a `validation` error (422, field messages),
 * checked after the link so that a dead link is never told its words were wrong. Returns the
 * state: `saved`, or why nothing was saved (`invalid`, `expired`, `answered`: the link was used).
 */
export async function answerSurvey(
  db: Db,
  token: string,
  raw: unknown,
  now = new Date(),
): Promise<'saved' | Exclude<SurveyState, 'open'>> {
  const state = await surveyState(db, token, now);
  if (state !== 'open') return state;
  const answer = parse(SurveyAnswer, raw);
  const survey = (await surveyForToken(db, token))!;
  const saved = await db.transaction(async (tx) => {
    const row = await recordAnswer(tx, survey.id, answer, now);
    if (row) {
      // No words in the audit: what they wrote is theirs and personal.
      await recordAudit(tx, systemActor(survey.agencyId, 'exit survey link'), {
        action: 'exit_survey.answered',
        entityType: 'enquiry',
        entityId: survey.enquiryId,
      });
    }
    return row;
  });
  if (saved) return 'saved';
  // Two submissions at once: the other saved first (or the link expired in between).
  const after = await surveyState(db, token, now);
  return after === 'open' ? 'answered' : after;
}

/**
 * The household page's view of its surveys: sent, answered, and what the answer suggests, with
 * Ofsted's wording of the code ("They said: … — suggests AW4: …"). The officer decides.
 */
export async function surveysForHousehold(db: Db, actor: Actor, enquiryId: string, now = new Date()) {
  const surveys = await householdSurveys(db, actor.agencyId, enquiryId);
  return surveys.map((s) => {
    const code = suggestedCode(s.choice);
    return {
      ...s,
      stageLabel: stageLabels[s.stage],
      expired: !s.answeredAt && s.expiresAt <= now,
      saidText: isSurveyChoice(s.choice) ? surveyChoices[s.choice].text : null,
      suggestion: code ? codeWithWording(code) : null,
      suggestedCode: code,
      closeReasonLabel: s.closeReason ? `${s.closeReason}: ${reasonLabel(s.closeReason)}` : null,
      accepted: s.acceptedCode ? codeWithWording(s.acceptedCode) : null,
      canAccept: canAcceptSuggestion(s),
    };
  });
}

/**
 * The officer makes the answer's suggested code the closing reason. The closing stage event is
 * never changed (stage events are append-only): the accepted code is recorded on the answer, with
 * who and when, and the drop-out report reads it as the reason in force. Errors: `not_found`;
 * `conflict` when there is no suggestion to accept, the closing was the service's decision, or a
 * code was already accepted.
 */
export async function acceptSuggestedCode(db: Db, actor: Actor, enquiryId: string, raw: unknown) {
  const { surveyId } = parse(AcceptSuggestion, raw);
  return db.transaction(async (tx) => {
    const survey = (await householdSurveys(tx, actor.agencyId, enquiryId)).find((s) => s.id === surveyId);
    if (!survey) throw notFound('Answer');
    const code = suggestedCode(survey.choice);
    if (!code || !canAcceptSuggestion(survey))
      throw new AppError('conflict', 'There is no suggested reason to use for this closing.');
    const done = await acceptCode(
      tx,
      { agencyId: actor.agencyId, enquiryId, surveyId },
      { code, userId: actor.userId, at: new Date() },
    );
    if (!done) throw new AppError('conflict', 'A reason from this answer has already been used.');
    await recordAudit(tx, actor, {
      action: 'exit_survey.code_accepted',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: { closeReason: { from: survey.closeReason, to: code } },
    });
    return code;
  });
}
