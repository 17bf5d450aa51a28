import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import {
  deregistrationReasons,
  inAssessmentStages,
  stageLabels,
  type DeregistrationReason,
} from '../pipeline/stages.ts';
import { monthsInRange, type IsoDate } from '../calendar/dates.ts';
import { isTransfer, routesCounted, type ReportRoute } from './report-routes.ts';
import { flowByMonth, stageChangesByMonth, stagesAt, type Routes } from './reports.repo.ts';
import type { Period } from './reports.schema.ts';
import { agencyOf, type ReportScope } from './report-scope.ts';

const reasonCodes = Object.keys(deregistrationReasons) as DeregistrationReason[];

/** Households at each stage at the end of each month from `from` to `to`, from the running total of moves. */
export async function stagesByMonthEnd(
  db: Db,
  scope: ReportScope,
  from: IsoDate,
  to: IsoDate,
  routes: Routes,
) {
  const changes = await stageChangesByMonth(db, scope, to, routes);
  const running: Record<string, number> = {};
  const byMonth = new Map<string, Record<string, number>>();
  const first = changes[0] ? `${changes[0].month}-01` : from;
  let i = 0;
  for (const month of monthsInRange(first < from ? first : from, to)) {
    for (; i < changes.length && changes[i]!.month <= month; i++) {
      running[changes[i]!.stage] = (running[changes[i]!.stage] ?? 0) + changes[i]!.n;
    }
    if (month >= from.slice(0, 7)) byMonth.set(month, { ...running });
  }
  return byMonth;
}

/**
 * What "in assessment" means in every report: the Application, Assessment and Panel stages
 * together (Ofsted counts an application as in assessment from the day it is received), which is
 * more than the pipeline's single "Assessment" stage. Pages say so wherever both appear.
 */
export const inAssessmentMeaning = `${inAssessmentStages
  .map((s) => stageLabels[s])
  .join(', ')
  .replace(/, ([^,]*)$/, ' and $1')} stages together`;

export const inAssessment = (stages: Record<string, number>) =>
  inAssessmentStages.reduce((sum, stage) => sum + (stages[stage] ?? 0), 0);

/**
 * Net carers (docs/domain.md §6): approvals and transfers in, less approved households that left, in
 * the period; with households in assessment and approved at its end, and approved households at
 * the end of each month. Households on the route asked for, mainstream by default
 * (src/reports/report-routes.ts); transfers in are always their own figure.
 */
export async function netCarers(db: Db, scope: ReportScope, period: Period & { route?: ReportRoute }) {
  const route = period.route ?? 'mainstream';
  const routes = routesCounted(route);
  const [flow, atEnd, byMonth, status] = await Promise.all([
    flowByMonth(db, scope, period.from, period.to, routes),
    stagesAt(db, scope, period.to, routes),
    stagesByMonthEnd(db, scope, period.from, period.to, routes),
    metricsStatus(db, agencyOf(scope)),
  ]);
  const moves = flow.filter((r) => r.measure === 'moves');
  const count = (match: (r: (typeof moves)[number]) => boolean) =>
    moves.filter(match).reduce((sum, r) => sum + r.n, 0);
  const approvals = count((r) => r.stage === 'approved' && !isTransfer(r.route));
  const transfersIn = count((r) => r.stage === 'approved' && isTransfer(r.route));
  const byReason = Object.fromEntries(
    reasonCodes.map((code) => [code, count((r) => r.stage === 'deregistered' && r.reason === code)]),
  ) as Record<DeregistrationReason, number>;
  const left = Object.values(byReason).reduce((a, b) => a + b, 0);
  return {
    from: period.from,
    to: period.to,
    route,
    computedAt: status.computedAt,
    approvals,
    transfersIn,
    deregistrations: { total: left, byReason },
    net: approvals + transfersIn - left,
    inAssessmentAt: inAssessment(atEnd),
    approvedAt: atEnd.approved ?? 0,
    months: [...byMonth].map(([month, stages]) => ({
      month,
      approved: stages.approved ?? 0,
      inAssessment: inAssessment(stages),
    })),
  };
}
export type NetCarersReport = Awaited<ReturnType<typeof netCarers>>;
