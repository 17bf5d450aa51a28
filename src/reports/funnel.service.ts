import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import {
  addMonths,
  financialYearOf,
  monthsInRange,
  previousFinancialYear,
  type IsoDate,
} from '../calendar/dates.ts';
import { formatDate } from '../shared/format.ts';
import { countByMeasure, funnelMeasureNames, type FunnelMeasure } from './funnel-measures.ts';
import { routesCounted } from './report-routes.ts';
import { flowByMonth } from './reports.repo.ts';
import type { Comparison, FunnelQueryInput } from './reports.schema.ts';
import { agencyOf, type ReportScope } from './report-scope.ts';

/** The period a committee compares with: the previous full financial year, or the same dates a year earlier. */
export function comparisonPeriod(from: IsoDate, to: IsoDate, compare: Comparison) {
  if (compare === 'previous_year') {
    const year = previousFinancialYear(financialYearOf(from));
    return { label: year.label, from: year.start, to: year.end };
  }
  const shifted = { from: addMonths(from, -12), to: addMonths(to, -12) };
  return { label: `${formatDate(shifted.from)} to ${formatDate(shifted.to)}`, ...shifted };
}

/**
 * The committee table (docs/domain.md §6): each measure by month, the total, and the comparison
 * period's totals, read from the roll-ups, for the households on the route asked for (mainstream,
 * what Ofsted counts, unless `route` says otherwise; src/reports/report-routes.ts).
 */
export async function funnelReport(
  db: Db,
  scope: ReportScope,
  query: Omit<FunnelQueryInput, 'route'> & { route?: FunnelQueryInput['route'] },
) {
  const route = query.route ?? 'mainstream';
  const routes = routesCounted(route);
  const months = monthsInRange(query.from, query.to);
  const comparison = comparisonPeriod(query.from, query.to, query.compare);
  const [current, previous, status] = await Promise.all([
    flowByMonth(db, scope, query.from, query.to, routes).then(countByMeasure),
    flowByMonth(db, scope, comparison.from, comparison.to, routes).then(countByMeasure),
    metricsStatus(db, agencyOf(scope)),
  ]);
  const sum = (byMonth: Map<string, number>) => [...byMonth.values()].reduce((a, b) => a + b, 0);
  const measures = Object.fromEntries(
    funnelMeasureNames.map((name) => {
      const byMonth = months.map((m) => current[name].get(m) ?? 0);
      return [name, { byMonth, total: byMonth.reduce((a, b) => a + b, 0) }];
    }),
  ) as Record<FunnelMeasure, { byMonth: number[]; total: number }>;
  const totals = Object.fromEntries(funnelMeasureNames.map((name) => [name, sum(previous[name])])) as Record<
    FunnelMeasure,
    number
  >;
  return {
    from: query.from,
    to: query.to,
    compare: query.compare,
    route,
    computedAt: status.computedAt,
    months,
    measures,
    comparison: { ...comparison, totals },
  };
}
export type FunnelReport = Awaited<ReturnType<typeof funnelReport>>;
