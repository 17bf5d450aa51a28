import { z } from 'zod';
import { requiredText } from '../shared/fields.ts';
import { unknownPlaceholderMessage } from './render.ts';

const withKnownPlaceholders = (schema: z.ZodType<string>) =>
  schema.superRefine((value, ctx) => {
    const message = unknownPlaceholderMessage(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** A template as typed on the edit page: plain text; the only ((placeholders)) are the listed ones. */
export const TemplateInput = z.object({
  subject: withKnownPlaceholders(requiredText('a subject', 200)),
  body: withKnownPlaceholders(requiredText('the text of the email', 10_000)),
});
export type TemplateInput = z.output<typeof TemplateInput>;
