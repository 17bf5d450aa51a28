import { z } from 'zod';
import { blankToUndefined } from '../shared/fields.ts';

export const targetKinds = {
  calendar: 'Calendar year (January to December)',
  financial: 'Financial year (April to March)',
} as const;
export type TargetKind = keyof typeof targetKinds;

export const TargetInput = z.strictObject({
  kind: z.enum(Object.keys(targetKinds) as [TargetKind, ...TargetKind[]], {
    error: 'Choose a calendar year or a financial year',
  }),
  year: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'Enter the year, for example 2026' })
      .int('Enter the year as a whole number, for example 2026')
      .min(2000, 'Enter a year from 2000 onwards')
      .max(2100, 'Enter a year before 2100'),
  ),
  carers: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'Enter how many new foster carers you aim to approve' })
      .int('Enter a whole number of carers')
      .min(1, 'The target must be at least 1 carer')
      .max(10_000, 'Enter a target of 10,000 carers or fewer'),
  ),
});
export type TargetInputValue = z.output<typeof TargetInput>;
