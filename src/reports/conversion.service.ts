import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { activeStages, stageLabels, type Stage } from '../pipeline/stages.ts';
import { monthsInRange } from '../calendar/dates.ts';
import { benchmarks, percent } from './benchmarks.ts';
import { routesCounted, type ReportRoute } from './report-routes.ts';
import { cohortByMonth, flowByMonth } from './reports.repo.ts';
import type { Period } from './reports.schema.ts';
import { agencyOf, type ReportScope } from './report-scope.ts';

const onwardOf: Record<(typeof activeStages)[number], Stage> = {
  enquiry: 'initial_visit',
  initial_visit: 'application',
  application: 'assessment',
  assessment: 'panel',
  panel: 'approved',
};

/** The stages a cohort is followed to, in order. */
export const cohortStages = [
  'enquiry',
  'initial_visit',
  'application',
  'assessment',
  'panel',
  'approved',
] as const;

/**
 * Conversion two ways. Flow: of the households that left each stage in the period, the share that
 * moved on rather than closing. Cohort: of the households that enquired each month, how many have
 * reached each stage so far (recent months are still in progress). Households on the route asked
 * for, mainstream by default (src/reports/report-routes.ts); approvals here include transfers in.
 */
export async function conversionReport(db: Db, scope: ReportScope, period: Period & { route?: ReportRoute }) {
  const route = period.route ?? 'mainstream';
  const routes = routesCounted(route);
  const [flow, cohortRows, status] = await Promise.all([
    flowByMonth(db, scope, period.from, period.to, routes),
    cohortByMonth(db, scope, period.from, period.to, routes),
    metricsStatus(db, agencyOf(scope)),
  ]);
  const moves = flow.filter((r) => r.measure === 'moves');
  const count = (match: (r: (typeof moves)[number]) => boolean) =>
    moves.filter(match).reduce((sum, r) => sum + r.n, 0);

  const steps = activeStages.map((stage) => {
    const onward = count((r) => r.fromStage === stage && r.stage === onwardOf[stage]);
    const closed = count((r) => r.fromStage === stage && r.stage === 'closed');
    return {
      stage,
      label: `${stageLabels[stage]} → ${stageLabels[onwardOf[stage]]}`,
      onward,
      closed,
      percent: percent(onward, onward + closed),
    };
  });

  const cohorts = monthsInRange(period.from, period.to).map((month) => {
    const reached = Object.fromEntries(
      cohortStages.map((stage) => [
        stage,
        cohortRows.filter((r) => r.month === month && r.stage === stage).reduce((s, r) => s + r.n, 0),
      ]),
    ) as Record<(typeof cohortStages)[number], number>;
    return { month, reached };
  });
  const cohortTotal = Object.fromEntries(
    cohortStages.map((stage) => [stage, cohorts.reduce((sum, c) => sum + c.reached[stage], 0)]),
  ) as Record<(typeof cohortStages)[number], number>;

  const enquiries = flow.filter((r) => r.measure === 'enquiries').reduce((s, r) => s + r.n, 0);
  const applications = count((r) => r.stage === 'application');
  const approvals = count((r) => r.stage === 'approved');
  return {
    from: period.from,
    to: period.to,
    route,
    computedAt: status.computedAt,
    steps,
    headline: {
      enquiries,
      applications,
      approvals,
      enquiryToApplication: {
        flowPercent: percent(applications, enquiries),
        cohortPercent: percent(cohortTotal.application, cohortTotal.enquiry),
        benchmarks: benchmarks.enquiryToApplication,
      },
      applicationToApproval: {
        flowPercent: percent(approvals, applications),
        cohortPercent: percent(cohortTotal.approved, cohortTotal.application),
        benchmarks: benchmarks.applicationToApproval,
      },
      source: benchmarks.source,
    },
    cohorts,
    cohortTotal,
  };
}
export type ConversionReport = Awaited<ReturnType<typeof conversionReport>>;
