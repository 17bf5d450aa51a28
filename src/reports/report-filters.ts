import type { z } from 'zod';
import { financialYear, financialYearOf, londonToday, type IsoDate } from '../calendar/dates.ts';
import { AppError, type FieldIssue } from '../shared/errors.ts';
import { parse } from '../shared/validation.ts';
import { reportRoutes, routeHints, type ReportRoute } from './report-routes.ts';
import {
  comparisons,
  FunnelQuery,
  ReportPeriod,
  RoutedPeriod,
  YearQuery,
  yearOrCurrent,
} from './reports.schema.ts';

/** How many financial years before this one the year select offers. */
const YEARS_BACK = 5;

/** funnel: the committee table; period, routedPeriod: dates (with a route); year: the Ofsted return. */
export type FilterKind = 'funnel' | 'period' | 'routedPeriod' | 'year';
/** The kinds whose reports count by route, and so show the route filter. */
export const routedKinds: readonly FilterKind[] = ['funnel', 'routedPeriod', 'year'];
type Raw = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const blank = (v: unknown) => text(v).trim() === '';

/** What the filter form shows: exactly what was typed, so a mistake can be corrected. */
export const filterValues = (query: Raw) => ({
  year: text(query.year),
  from: text(query.from),
  to: text(query.to),
  compare: text(query.compare),
  route: text(query.route),
  council: text(query.council),
});
export type FilterValues = ReturnType<typeof filterValues>;

/** A financial year as a period: 1 April to 31 March, or to today while it is still running. */
export function yearPeriod(startYear: number, today = londonToday()) {
  const year = financialYear(startYear);
  if (year.start > today) {
    throw new AppError('validation', 'Choose a financial year that has started.', {
      issues: [{ path: 'year', message: 'Choose a financial year that has started' }],
    });
  }
  return { from: year.start, to: year.end < today ? year.end : today };
}

/**
 * The query a report page reads: the financial-year select, unless exact dates were typed (which
 * is also how links from elsewhere give a period), checked with the API's own schemas. The form
 * sends both, so here dates replace the year, and parameters the report does not take (tracking
 * tags on a link) are ignored. `strict` (the CSV downloads, which programs fetch) reads the query
 * exactly as the API does: unknown parameters, or a year and dates together, are a 422.
 */
function read(kind: FilterKind, query: Raw, today: IsoDate, strict: boolean) {
  if (strict) {
    if (kind === 'year') {
      const { year, ...rest } = parse(YearQuery, query);
      return { year: yearOrCurrent(year), ...rest };
    }
    return parse(
      kind === 'period' ? ReportPeriod : kind === 'routedPeriod' ? RoutedPeriod : FunnelQuery,
      query,
    );
  }
  const { year, route, council } = parse(YearQuery, {
    year: query.year,
    route: query.route,
    council: query.council,
  });
  if (kind === 'year') return { year: yearOrCurrent(year), route, ...(council ? { council } : {}) };
  const dates = {
    ...(blank(query.from) && blank(query.to)
      ? yearPeriod(year ?? financialYearOf(today).startYear, today)
      : { from: query.from, to: query.to }),
    council: query.council,
  };
  if (kind === 'period') return parse(ReportPeriod, dates);
  if (kind === 'routedPeriod') return parse(RoutedPeriod, { ...dates, route: query.route });
  return parse(FunnelQuery, { ...dates, compare: query.compare, route: query.route });
}

type Parsed = {
  funnel: z.output<typeof FunnelQuery>;
  period: z.output<typeof ReportPeriod>;
  routedPeriod: z.output<typeof RoutedPeriod>;
  year: { year: number; route: ReportRoute; council?: string };
};
export type FilterResult<K extends FilterKind> =
  | { ok: true; query: Parsed[K]; values: FilterValues }
  | { ok: false; issues: FieldIssue[]; values: FilterValues };

/** Reads a report's filters; a bad value comes back as field issues for the page to show (422). */
export function readFilters<K extends FilterKind>(
  kind: K,
  query: Raw,
  { today = londonToday(), strict = false }: { today?: IsoDate; strict?: boolean } = {},
): FilterResult<K> {
  const values = filterValues(query);
  try {
    const parsed = read(kind, query, today, strict) as Parsed[K];
    const startYear =
      'year' in parsed ? parsed.year : financialYearOf((parsed as Parsed['period']).from).startYear;
    return { ok: true, query: parsed, values: { ...values, year: values.year || String(startYear) } };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      return { ok: false, issues: error.issues, values };
    }
    throw error;
  }
}

/** The financial years the select offers, newest first, with any other year asked for. */
export function yearOptions(selected: string, today = londonToday()) {
  const current = financialYearOf(today).startYear;
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => current - i);
  const asked = Number(selected);
  if (Number.isInteger(asked) && asked >= 2000 && asked < current && !years.includes(asked))
    years.push(asked);
  return years.map((y) => ({
    value: String(y),
    text: y === current ? `${financialYear(y).label} (to date)` : financialYear(y).label,
    selected: String(y) === selected,
  }));
}

export const comparisonOptions = (selected: string) =>
  Object.entries(comparisons).map(([value, text]) => ({
    value,
    text,
    checked: value === (selected || 'previous_year'),
  }));

/** The route radios: mainstream (what Ofsted counts) unless another was asked for, each with its rule. */
export const routeOptions = (selected: string) =>
  (Object.keys(reportRoutes) as ReportRoute[]).map((value) => ({
    value,
    text: reportRoutes[value],
    hint: { text: routeHints[value] },
    checked: value === (selected || 'mainstream'),
  }));

/** The query string that asks for exactly this period again (the CSV link). */
export function queryString(query: Parsed[FilterKind]) {
  const params = new URLSearchParams(
    Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string]),
  );
  return params.toString();
}
