import { z } from 'zod';
import { blankToUndefined, optionalText, requiredText } from '../shared/fields.ts';
import { maximumYears, minimumYears } from './retention-rules.ts';
import type { ScheduleRule } from './retention.table.ts';

const years = (rule: ScheduleRule, label: string, source: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Enter how many years ${label} are kept` })
      .int(`Enter a whole number of years for ${label}`)
      .min(
        minimumYears[rule],
        `${label[0]!.toUpperCase()}${label.slice(1)} must be kept at least ${minimumYears[rule]} ${minimumYears[rule] === 1 ? 'year' : 'years'}${source}`,
      )
      .max(maximumYears, `Enter ${maximumYears} years or fewer for ${label}`),
  );

/** The retention schedule form: the three periods and why they change (kept in the history). */
export const ScheduleInput = z.object({
  approvedCarerYears: years('approved_carer', 'approved carers’ records', ' (reg. 32)'),
  refusedOrWithdrawnYears: years(
    'application_refused_or_withdrawn',
    'refused or withdrawn applications',
    ' (reg. 32)',
  ),
  enquiryOnlyYears: years('enquiry_only', 'enquiries that did not become applications', ''),
  reason: requiredText('the reason for the change', 500),
});
export type ScheduleInputValue = z.output<typeof ScheduleInput>;

/** `POST /api/v1/households/:id/legal-hold` and the household page's form. */
export const PlaceLegalHold = z.strictObject({
  reason: requiredText('the reason for the legal hold', 1000),
});

/** `DELETE /api/v1/households/:id/legal-hold` (body optional) and the page's "Lift" form. */
export const LiftLegalHold = z.strictObject({
  reason: optionalText('the reason for lifting the hold', 1000),
});

/** The manager's choice on the "Due for disposal" page: households to dispose of (one or many). */
export const ApproveDisposal = z.object({
  householdIds: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.uuid('Choose households from the list')).min(1, 'Select at least one household to dispose of'),
  ),
});

export const ExcludeFromDisposal = z.object({
  reason: requiredText('why this household should not be disposed of', 1000),
});
