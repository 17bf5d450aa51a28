import { z } from 'zod';
import { optionalText } from '../shared/fields.ts';
import { OWN_WORDS_MAX, surveyChoiceKeys } from './exit-survey-rules.ts';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * The survey form: every question optional, but at least one answered (an empty form is most
 * likely a slip, and saving nothing as an answer would use up the link).
 */
export const SurveyAnswer = z
  .object({
    choice: z.preprocess(
      blank,
      z
        .enum(surveyChoiceKeys as [string, ...string[]], { error: 'Choose one of the reasons listed' })
        .optional(),
    ),
    ownWords: optionalText('your answer', OWN_WORDS_MAX),
    contactAgain: z.preprocess(blank, z.enum(['yes', 'no'], { error: 'Choose yes or no' }).optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.choice && !v.ownWords && !v.contactAgain)
      ctx.addIssue({
        code: 'custom',
        path: ['choice'],
        message:
          'Choose a reason or tell us in your own words, or close this page if you would rather not answer',
      });
  })
  .transform((v) => ({
    choice: v.choice ?? null,
    ownWords: v.ownWords ?? null,
    contactAgain: v.contactAgain === undefined ? null : v.contactAgain === 'yes',
  }));
export type SurveyAnswerInput = z.output<typeof SurveyAnswer>;

/** The officer's decision on the household page: which survey's suggestion to apply. */
export const AcceptSuggestion = z.strictObject({ surveyId: z.uuid({ error: 'Choose an answer' }) });
