import { financialYearOf } from '../calendar/dates.ts';
import { deregistrationReasons } from '../pipeline/stages.ts';
import { countByMeasure, type FunnelMeasure } from '../reports/funnel-measures.ts';
import type { FlowRow } from '../reports/reports.repo.ts';
import type { PlannedHousehold, YearGain } from './import-types.ts';

const leavingReasons: readonly string[] = Object.keys(deregistrationReasons);

/**
 * The rows the roll-ups would hold for these households (measure 'enquiries' by the day received,
 * 'moves' for every stage event with the stage it left), one per event, by month: the same shape
 * the committee table reads from metric_counts (src/metrics/metrics.repo.ts).
 */
export function flowRowsOf(planned: readonly PlannedHousehold[]): FlowRow[] {
  const flow: FlowRow[] = [];
  for (const household of planned) {
    const route = household.route;
    const [first] = household.events;
    if (!first) continue;
    flow.push(row(first.on, 'enquiries', '', '', '', route));
    household.events.forEach((event, i) => {
      const from = i === 0 ? '' : household.events[i - 1]!.stage;
      flow.push(row(event.on, 'moves', event.stage, from, event.reason ?? '', route));
    });
  }
  return flow;
}

const row = (
  on: string,
  measure: string,
  stage: string,
  fromStage: string,
  reason: string,
  route: string,
) => ({
  month: on.slice(0, 7),
  measure,
  stage,
  fromStage,
  reason,
  route,
  n: 1,
});

/** "2024-25" for the financial year that starts on 1 April 2024. */
export const yearLabel = (startYear: number) =>
  `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;

const gainFields: Record<Exclude<keyof YearGain, 'year' | 'deregistrations'>, FunnelMeasure> = {
  enquiries: 'enquiries',
  initialVisits: 'initial_visits',
  applications: 'applications',
  applicationsEnded: 'applications_ended',
  approvals: 'approvals',
  transfersIn: 'transfers_in',
};

const emptyGain = (year: string): YearGain => ({
  year,
  enquiries: 0,
  initialVisits: 0,
  applications: 0,
  applicationsEnded: 0,
  approvals: 0,
  transfersIn: 0,
  deregistrations: 0,
});

/**
 * What each financial year's committee table would gain from these households, counted by the
 * table's own rules (countByMeasure in src/reports/funnel-measures.ts, applied to the rows the
 * roll-ups would hold), and the approved households that left, as net carers counts them (a move
 * to deregistered with a leaving reason). Years in order; a year with nothing is left out.
 */
export function gainsByYear(planned: readonly PlannedHousehold[]): YearGain[] {
  const flow = flowRowsOf(planned);
  const counts = countByMeasure(flow);
  const years = new Map<number, YearGain>();
  const gainOf = (month: string) => {
    const startYear = financialYearOf(`${month}-01`).startYear;
    const gain = years.get(startYear) ?? emptyGain(yearLabel(startYear));
    years.set(startYear, gain);
    return gain;
  };
  for (const [field, measure] of Object.entries(gainFields)) {
    for (const [month, n] of counts[measure]) gainOf(month)[field as keyof typeof gainFields] += n;
  }
  for (const r of flow) {
    if (r.measure === 'moves' && r.stage === 'deregistered' && leavingReasons.includes(r.reason))
      gainOf(r.month).deregistrations += r.n;
  }
  return [...years.entries()].sort(([a], [b]) => a - b).map(([, gain]) => gain);
}
