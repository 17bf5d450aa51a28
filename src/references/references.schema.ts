import { z } from 'zod';
import { blankToUndefined, optionalText, requiredText } from '../shared/fields.ts';
import { ANSWER_MAX, SHORT_ANSWER_MAX } from './reference-rules.ts';

/**
 * The referee's form (public, `/reference/<token>`): every question answered except the detail of
 * concerns, which is needed when they say they have concerns; the declaration ticked. Field
 * messages in GOV.UK style; nothing saved unless all is well.
 */
export const ReferenceAnswers = z
  .object({
    howLong: requiredText('how long you have known the applicants', SHORT_ANSWER_MAX),
    howKnown: requiredText('how you know them', ANSWER_MAX),
    withChildren: requiredText('what you have seen of them with children', ANSWER_MAX),
    suitability: requiredText('whether you think they would be suitable to care for children', ANSWER_MAX),
    concerns: z.preprocess(
      blankToUndefined,
      z.enum(['yes', 'no'], { error: 'Select yes if you have any concerns about them caring for children' }),
    ),
    concernsDetail: optionalText('your concerns', ANSWER_MAX),
    declaredName: requiredText('your full name', 200),
    declaration: z.preprocess(
      blankToUndefined,
      z.literal('confirmed', { error: 'Confirm the declaration to send your reference' }),
    ),
  })
  // Checked even when other answers are wrong, so every message shows at once.
  .refine(
    (v) =>
      (v as { concerns?: unknown }).concerns !== 'yes' ||
      !!(v as { concernsDetail?: unknown }).concernsDetail,
    {
      path: ['concernsDetail'],
      message: 'Tell us about your concerns',
      when: () => true,
    },
  )
  .transform((v) => ({
    howLong: v.howLong,
    howKnown: v.howKnown,
    withChildren: v.withChildren,
    suitability: v.suitability,
    concerns: v.concerns === 'yes',
    concernsDetail: v.concernsDetail ?? null,
    declaredName: v.declaredName,
  }));
export type ReferenceAnswersInput = z.output<typeof ReferenceAnswers>;
