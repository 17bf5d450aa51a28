import { z } from 'zod';
import { stages } from '../pipeline/stages.ts';
import { requiredText } from '../shared/fields.ts';
import { unknownPlaceholderMessage } from '../templates/render.ts';

const withKnownPlaceholders = (schema: z.ZodString) =>
  schema.superRefine((v, ctx) => {
    const message = unknownPlaceholderMessage(v);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** A new mailing, from the form. Field names match the page. */
export const MailingForm = z.object({
  name: requiredText('a name for this mailing', 100),
  subject: withKnownPlaceholders(requiredText('a subject', 200)),
  body: withKnownPlaceholders(requiredText('the email', 10_000)),
  enquiredWithinMonths: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v),
    z
      .number({ error: 'Enter a number of months, like 36' })
      .int('Enter a whole number of months, like 36')
      .min(1, 'Months must be 1 or more')
      .max(120, 'Months must be 120 or fewer'),
  ),
  stages: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(stages, { error: 'Select stages from the list' })),
  ),
});
