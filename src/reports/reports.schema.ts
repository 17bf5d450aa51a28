import { z } from 'zod';
import { blankToUndefined } from '../shared/form-input.ts';
import { daysBetween, financialYearOf, isIsoDate, londonToday, type IsoDate } from '../shared/dates.ts';

const day = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `Enter ${label} as YYYY-MM-DD` })
      .refine(isIsoDate, `Enter ${label} as a real date, YYYY-MM-DD`)
      .optional(),
  );

/** The longest period a report covers: ten years is more than any committee asks for. */
const MAX_DAYS = 3660;

/**
 * A report's period: inclusive London dates, by default this financial year to date. Checked here
 * so that a bad link answers 422 with field messages, never a database error.
 */
export const ReportPeriod = z
  .object({ from: day('the start date'), to: day('the end date') })
  .transform((v) => {
    const today = londonToday();
    return { from: v.from ?? financialYearOf(v.to ?? today).start, to: v.to ?? today };
  })
  .superRefine((v, ctx) => checkPeriod(v, ctx));

export function checkPeriod(v: { from: IsoDate; to: IsoDate }, ctx: z.RefinementCtx) {
  if (v.to < v.from)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'The end date must be on or after the start date',
    });
  else if (daysBetween(v.from, v.to) > MAX_DAYS)
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'Choose a period of ten years or less' });
}

export const comparisons = {
  previous_year: 'The previous full financial year',
  same_period: 'The same dates a year earlier',
} as const;
export type Comparison = keyof typeof comparisons;

export const FunnelQuery = z
  .object({
    from: day('the start date'),
    to: day('the end date'),
    compare: z.preprocess(
      blankToUndefined,
      z
        .enum(Object.keys(comparisons) as [Comparison, ...Comparison[]], {
          error: 'Choose previous_year or same_period',
        })
        .optional(),
    ),
  })
  .transform((v) => {
    const today = londonToday();
    return {
      from: v.from ?? financialYearOf(v.to ?? today).start,
      to: v.to ?? today,
      compare: v.compare ?? ('previous_year' as Comparison),
    };
  })
  .superRefine((v, ctx) => checkPeriod(v, ctx));
export type FunnelQueryInput = z.output<typeof FunnelQuery>;
export type Period = z.output<typeof ReportPeriod>;
