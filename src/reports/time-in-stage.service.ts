import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { activeStages, closeReasons, reasonLabel, stageLabels } from '../pipeline/stages.ts';
import { percent } from './benchmarks.ts';
import { summarise } from './percentiles.ts';
import { routesCounted } from './report-routes.ts';
import { flowByMonth, histogram } from './reports.repo.ts';
import type { Period } from './reports.schema.ts';
import { agencyOf, type ReportScope } from './report-scope.ts';

/**
 * How long households spend at each stage, how long from application to approval against the
 * 8-month standard (NMS 14), and who left at which stage and why, for moves in the period.
 */
export async function timeInStageReport(db: Db, scope: ReportScope, period: Period) {
  const [stageDays, approvalDays, flow, status] = await Promise.all([
    histogram(db, scope, 'time_in_stage', period.from, period.to),
    histogram(db, scope, 'application_to_approval', period.from, period.to),
    // Every route: the stage-duration roll-ups are not kept by route, so the exits beside them aren't either.
    flowByMonth(db, scope, period.from, period.to, routesCounted('all')),
    metricsStatus(db, agencyOf(scope)),
  ]);
  const stages = activeStages.map((stage) => ({
    stage,
    label: stageLabels[stage],
    ...summarise(stageDays.filter((h) => h.fromStage === stage)),
  }));
  const approvals = summarise(approvalDays);
  const within = approvalDays.filter((h) => h.reason === 'within_8_months').reduce((s, h) => s + h.n, 0);

  const closures = flow.filter((r) => r.measure === 'moves' && r.stage === 'closed');
  const reasons = Object.keys(closeReasons);
  const exits = activeStages.map((stage) => {
    const byReason = Object.fromEntries(
      reasons.map((code) => [
        code,
        closures.filter((r) => r.fromStage === stage && r.reason === code).reduce((s, r) => s + r.n, 0),
      ]),
    );
    return {
      stage,
      label: stageLabels[stage],
      byReason,
      total: Object.values(byReason).reduce((a, b) => a + b, 0),
    };
  });
  return {
    from: period.from,
    to: period.to,
    computedAt: status.computedAt,
    stages,
    applicationToApproval: {
      ...approvals,
      within8Months: within,
      within8MonthsPercent: percent(within, approvals.count),
    },
    exitReasons: reasons.map((code) => ({ code, label: reasonLabel(code) })),
    exits,
  };
}
export type TimeInStageReport = Awaited<ReturnType<typeof timeInStageReport>>;
