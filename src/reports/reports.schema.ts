import { z } from 'zod';
import { dateField } from '../shared/date-input.ts';
import { blankToUndefined } from '../shared/fields.ts';
import { daysBetween, financialYear, financialYearOf, londonToday, type IsoDate } from '../calendar/dates.ts';
import { DEFAULT_ROUTE, reportRouteCodes, type ReportRoute } from './report-routes.ts';

const day = (label: string) =>
  z.preprocess(blankToUndefined, dateField(label, `Enter ${label} as a real date, YYYY-MM-DD`).optional());

/** `year=YYYY`: the financial year that starts on 1 April YYYY (docs/api.md). */
const yearParam = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'Enter the year the financial year starts, for example 2025 for 2025/26' })
    .regex(/^\d{4}$/, 'Enter the year the financial year starts, for example 2025 for 2025/26')
    .transform(Number)
    .pipe(z.number().min(2000, 'Enter a year from 2000 onwards').max(2100, 'Enter a year before 2100'))
    .optional(),
);

/** `route=mainstream|family_and_friends|all` (src/reports/report-routes.ts); absent means mainstream. */
const routeParam = z.preprocess(
  blankToUndefined,
  z.enum(reportRouteCodes, { error: 'Choose mainstream, family_and_friends or all' }).optional(),
);
const routeOf = (v: { route?: ReportRoute }) => ({ route: v.route ?? DEFAULT_ROUTE });

/**
 * `council=<code>`: at a hub, one member council's figures (issue 17). Only its form is checked
 * here; whether it names a member of the reader's hub is src/reports/report-scope.ts's to say (422).
 */
const councilParam = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "Enter a member council's code" })
    .trim()
    .max(100, "Enter a member council's code")
    .optional(),
);
/** Kept out of the output when absent, so links built from a parsed query never say "undefined". */
const councilOf = (v: { council?: string }) => (v.council ? { council: v.council } : {});

/** The longest period a report covers: ten years is more than any committee asks for. */
const MAX_DAYS = 3660;

type PeriodFields = { year?: number; from?: IsoDate; to?: IsoDate };

/** `year` is an alternative to `from`/`to`: asking for both is ambiguous, so a 422 on `year`. */
function oneWayOfGivingThePeriod(v: PeriodFields, ctx: z.RefinementCtx) {
  if (v.year !== undefined && (v.from !== undefined || v.to !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['year'],
      message: 'Give a financial year or a start and end date, not both',
    });
}

/**
 * Inclusive London dates: the whole financial year asked for (1 April to 31 March), or the dates
 * given, by default this financial year to date.
 */
function periodOf(v: PeriodFields): { from: IsoDate; to: IsoDate } {
  if (v.year !== undefined) {
    const { start, end } = financialYear(v.year);
    return { from: start, to: end };
  }
  const today = londonToday();
  return { from: v.from ?? financialYearOf(v.to ?? today).start, to: v.to ?? today };
}

/**
 * A report's period: `year=YYYY`, or `from`/`to`. Checked here so that a bad link answers 422 with
 * field messages, never a database error; unknown parameters are refused (strict).
 */
export const ReportPeriod = z
  .strictObject({
    year: yearParam,
    from: day('the start date'),
    to: day('the end date'),
    council: councilParam,
  })
  .superRefine(oneWayOfGivingThePeriod)
  .transform((v) => ({ ...periodOf(v), ...councilOf(v) }))
  .superRefine((v, ctx) => checkPeriod(v, ctx));

/** A report that counts households by route: the period as ReportPeriod, and `route`. */
export const RoutedPeriod = z
  .strictObject({
    year: yearParam,
    from: day('the start date'),
    to: day('the end date'),
    route: routeParam,
    council: councilParam,
  })
  .superRefine(oneWayOfGivingThePeriod)
  .transform((v) => ({ ...periodOf(v), ...routeOf(v), ...councilOf(v) }))
  .superRefine((v, ctx) => checkPeriod(v, ctx));
export type RoutedPeriodInput = z.output<typeof RoutedPeriod>;

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
  .strictObject({
    year: yearParam,
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
    route: routeParam,
    council: councilParam,
  })
  .superRefine(oneWayOfGivingThePeriod)
  .transform((v) => ({
    ...periodOf(v),
    compare: v.compare ?? ('previous_year' as Comparison),
    ...routeOf(v),
    ...councilOf(v),
  }))
  .superRefine((v, ctx) => checkPeriod(v, ctx));
export type FunnelQueryInput = z.output<typeof FunnelQuery>;
export type Period = z.output<typeof ReportPeriod>;

/**
 * Reports of one financial year (the Ofsted return): `year=YYYY`, by default the current one, and
 * the route its main figures count.
 */
export const YearQuery = z
  .strictObject({ year: yearParam, route: routeParam, council: councilParam })
  .transform((v) => ({ year: v.year, ...routeOf(v), ...councilOf(v) }));
export const yearOrCurrent = (year: number | undefined) => year ?? financialYearOf(londonToday()).startYear;

/**
 * A report that covers all time unless asked for a period (equality monitoring): `year=YYYY` or
 * `from`/`to` narrow it; nothing given is `undefined`.
 */
export const OptionalPeriod = z
  .strictObject({ year: yearParam, from: day('the start date'), to: day('the end date') })
  .superRefine(oneWayOfGivingThePeriod)
  .transform((v) =>
    v.year === undefined && v.from === undefined && v.to === undefined ? undefined : periodOf(v),
  )
  .superRefine((v, ctx) => {
    if (v) checkPeriod(v, ctx);
  });
