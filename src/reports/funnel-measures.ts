import { inAssessmentStages } from '../pipeline/stages.ts';
import { isTransfer } from './report-routes.ts';
import type { FlowRow } from './reports.repo.ts';

const applicationStages: readonly string[] = inAssessmentStages;

/**
 * The committee table's rows, in the committee's order (docs/domain.md §6), each with the rule that
 * counts it, written for the page as well as applied here. Every measure counts events in the
 * Europe/London month they happened, whenever they were typed in, of the households on the route
 * asked for (mainstream by default: src/reports/report-routes.ts); the flow rows arrive already
 * narrowed to that route.
 */
export const funnelMeasures = {
  information_session_households: {
    label: 'Households attending information sessions',
    rule: 'Different households marked as attending an information session held that month (a household at two sessions in a month counts once).',
    counts: (r: FlowRow) => r.measure === 'session_households',
  },
  enquiries: {
    label: 'Enquiries',
    rule: 'Enquiries received that month, by the date they were received (reopened enquiries are not counted again).',
    counts: (r: FlowRow) => r.measure === 'enquiries',
  },
  initial_visits: {
    label: 'Initial visits completed',
    rule: 'Households moved to “Initial visit”, dated when the visit happened.',
    counts: (r: FlowRow) => r.measure === 'moves' && r.stage === 'initial_visit',
  },
  applications: {
    label: 'Applications received',
    rule: 'Households moved to “Application”, dated when the application was received.',
    counts: (r: FlowRow) => r.measure === 'moves' && r.stage === 'application',
  },
  applications_ended: {
    label: 'Applications ended without approval',
    rule: 'Households closed from application, assessment or panel that month, whatever month they applied.',
    counts: (r: FlowRow) =>
      r.measure === 'moves' && r.stage === 'closed' && applicationStages.includes(r.fromStage),
  },
  approvals: {
    label: 'Households approved',
    rule: 'Households approved that month, other than transfers in: for mainstream, households new to fostering (fostering to adopt included); for family and friends, connected-person households.',
    counts: (r: FlowRow) => r.measure === 'moves' && r.stage === 'approved' && !isTransfer(r.route),
  },
  transfers_in: {
    label: 'Transfers in from another agency',
    rule: 'Carers already approved elsewhere, approved here that month (counted in net carers, not in “Households approved”).',
    counts: (r: FlowRow) => r.measure === 'moves' && r.stage === 'approved' && isTransfer(r.route),
  },
} as const;

export type FunnelMeasure = keyof typeof funnelMeasures;
export const funnelMeasureNames = Object.keys(funnelMeasures) as FunnelMeasure[];

/** Adds up the rows each measure counts: { measure: { month: n } }. */
export function countByMeasure(flow: readonly FlowRow[]) {
  const counts = Object.fromEntries(funnelMeasureNames.map((m) => [m, new Map<string, number>()])) as Record<
    FunnelMeasure,
    Map<string, number>
  >;
  for (const row of flow) {
    for (const name of funnelMeasureNames) {
      if (funnelMeasures[name].counts(row))
        counts[name].set(row.month, (counts[name].get(row.month) ?? 0) + row.n);
    }
  }
  return counts;
}
