import { z } from 'zod';
import { isIsoDate } from '../calendar/dates.ts';
import { approvalRouteLabels, approvalRoutes, type ApprovalRoute } from '../pipeline/stages.ts';
import { dateField } from '../shared/date-input.ts';
import { blankToUndefined, requiredText } from '../shared/fields.ts';

/** The longest timeliness standard a service may set, in calendar months. */
export const MAX_STANDARD_MONTHS = 24;

const effectiveFrom = z.preprocess(
  blankToUndefined,
  dateField('the date the change takes effect', undefined).refine(
    (v) => !isIsoDate(v) || (v >= '2000-01-01' && v <= '2100-12-31'),
    'The date the change takes effect must be between 2000 and 2100',
  ),
);

const reason = requiredText('why the rule is changing (for example, the regulation or guidance)', 500);

/** A change of the approval route, taking effect on a date (the settings page and, later, the API). */
export const ApprovalRouteChange = z.strictObject({
  route: z.enum(approvalRoutes, {
    error: `Choose ${Object.values(approvalRouteLabels)
      .map((l) => `“${l}”`)
      .join(' or ')}`,
  }),
  effectiveFrom,
  reason,
});
export type ApprovalRouteChangeInput = z.output<typeof ApprovalRouteChange> & { route: ApprovalRoute };

/** A change of the application-to-approval timeliness standard, in whole calendar months. */
export const TimelinessStandardChange = z.strictObject({
  months: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'Enter the standard as a number of months, for example 8' })
      .int(`Enter a whole number of months, from 1 to ${MAX_STANDARD_MONTHS}`)
      .min(1, `Enter a whole number of months, from 1 to ${MAX_STANDARD_MONTHS}`)
      .max(MAX_STANDARD_MONTHS, `Enter a whole number of months, from 1 to ${MAX_STANDARD_MONTHS}`),
  ),
  effectiveFrom,
  reason,
});
export type TimelinessStandardChangeInput = z.output<typeof TimelinessStandardChange>;
