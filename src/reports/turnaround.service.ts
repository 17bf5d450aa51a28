/**
 * Where time goes (issue 18 §5; docs/assessment.md "Where time goes"): how long each kind of
 * check and reference takes from request to receipt, which are most often late, and how many
 * households are waiting on each now. Read live from the checklist (small tables; no roll-up).
 */
import { daysBetween, londonToday, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { percent } from './benchmarks.ts';
import { summarise } from './percentiles.ts';
import type { Period } from './reports.schema.ts';
import type { ReportScope } from './report-scope.ts';
import { fieldError } from '../shared/errors.ts';
import {
  assessmentStageDates,
  checkTypesForReport,
  turnaroundByRefereeKind,
  turnaroundByType,
  waitingByType,
  type TurnaroundCount,
} from './turnaround.repo.ts';

/** The counting rules, written on the page and in the API's answer. */
export const turnaroundRules = [
  'Turnaround is the number of calendar days from the date an item was requested to the date it was received.',
  'An item counts in the period when it was received in the period; items with no request date have no turnaround and are left out.',
  'Median and 90th percentile by the nearest-rank method: the 90th percentile is the smallest number of days within which at least 90% of the items came back.',
  'Late: received after the number of days the service expects for that check (its expected turnaround).',
  'Waiting now: households at application, assessment or panel with an item of that type requested and not received (nor marked not needed), counted once each; overdue when the item is past its expected turnaround today.',
] as const;

const refereeKindLabels: Record<string, string> = {
  personal: 'Personal referee',
  employer: 'Employer',
  former_partner: 'Former partner',
  school: 'School or nursery',
  previous_fostering: 'Previous fostering service',
};

const histogramOf = (counts: TurnaroundCount[], group: string) => counts.filter((c) => c.group === group);

/**
 * The report for the period (items received from `from` to `to`, London dates) and the waiting
 * counts on `today`. Shapes: days are whole calendar days; `medianDays`/`p90Days` null with no items.
 */
export async function turnaroundReport(
  db: Db,
  scope: ReportScope,
  period: Period,
  today: IsoDate = londonToday(),
) {
  // The checklist is the service's own; a hub's figures are not split by member council here.
  if (typeof scope !== 'string')
    throw fieldError('council', 'This report covers the whole service: it cannot be narrowed to one council');
  const agencyId = scope;
  const [types, byType, byKind, waiting] = await Promise.all([
    checkTypesForReport(db, agencyId),
    turnaroundByType(db, agencyId, period.from, period.to),
    turnaroundByRefereeKind(db, agencyId, period.from, period.to),
    waitingByType(db, agencyId, today),
  ]);
  const checkTypes = types
    .map((t) => {
      const histogram = histogramOf(byType, t.id);
      const stats = summarise(histogram);
      const late = histogram.filter((h) => h.days > t.expectedTurnaroundDays).reduce((s, h) => s + h.n, 0);
      const w = waiting.find((x) => x.checkTypeId === t.id);
      return {
        key: t.key,
        label: t.label,
        stage: t.stage,
        expectedTurnaroundDays: t.expectedTurnaroundDays,
        received: stats.count,
        medianDays: stats.medianDays,
        p90Days: stats.p90Days,
        late,
        latePercent: percent(late, stats.count),
        waitingHouseholds: w?.waiting ?? 0,
        overdueHouseholds: w?.overdue ?? 0,
      };
    })
    // An inactive type with nothing in the period and nobody waiting says nothing.
    .filter((t, i) => types[i]!.active || t.received > 0 || t.waitingHouseholds > 0);
  const refereeKinds = Object.keys(refereeKindLabels)
    .map((kind) => ({ kind, label: refereeKindLabels[kind]!, ...summarise(histogramOf(byKind, kind)) }))
    .map(({ count, ...rest }) => ({ ...rest, received: count }));
  const mostOverdue = [...checkTypes]
    .filter((t) => t.late + t.overdueHouseholds > 0)
    .sort(
      (a, b) =>
        b.late + b.overdueHouseholds - (a.late + a.overdueHouseholds) || a.label.localeCompare(b.label),
    )
    .slice(0, 5)
    .map((t) => ({ key: t.key, label: t.label, late: t.late, overdueHouseholds: t.overdueHouseholds }));
  return {
    from: period.from,
    to: period.to,
    today,
    rules: turnaroundRules,
    checkTypes,
    refereeKinds,
    mostOverdue,
  };
}
export type TurnaroundReport = Awaited<ReturnType<typeof turnaroundReport>>;

/** The rules of the stage 1 / stage 2 split, for the time-in-stage page. */
export const assessmentStageRules = [
  'Stage 1 runs from the day the application was received (the latest move to application) to the day the last stage 1 item was received or marked not needed; counted in the period that day falls in.',
  'Stage 2 runs from the end of stage 1 (or the application, if stage 1 ended before it) to the move to panel; counted in the period of the move to panel.',
  'A household that went to panel with stage 1 items outstanding (a manager’s recorded override) has no stage 2 figure and is counted apart, as are households with no checklist (assessed before the checklist was kept).',
] as const;

/**
 * The assessment split into stage 1 and stage 2 for the period (issue 18 §5): day histograms
 * summarised (count, median, 90th percentile), and households that reached panel with stage 1
 * still open.
 */
export async function assessmentStageSplit(db: Db, agencyId: string, period: Period) {
  const rows = await assessmentStageDates(db, agencyId, period.from, period.to);
  const inPeriod = (d: string | null) => d !== null && d >= period.from && d <= period.to;
  const tally = (values: number[]) => {
    const map = new Map<number, number>();
    for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
    return [...map].map(([days, n]) => ({ days, n }));
  };
  const stageOne = rows
    .filter((r) => inPeriod(r.stageOneOn))
    .map((r) => Math.max(0, daysBetween(r.appliedOn, r.stageOneOn!)));
  const stageTwo = rows
    .filter((r) => inPeriod(r.panelOn) && r.stageOneOn !== null && r.stageOneOn <= r.panelOn!)
    .map((r) =>
      Math.max(0, daysBetween(r.stageOneOn! > r.appliedOn ? r.stageOneOn! : r.appliedOn, r.panelOn!)),
    );
  const panelWithStageOneOpen = rows.filter(
    (r) => r.hasChecks && inPeriod(r.panelOn) && (r.stageOneOn === null || r.stageOneOn > r.panelOn!),
  ).length;
  const panelWithoutChecklist = rows.filter((r) => !r.hasChecks && inPeriod(r.panelOn)).length;
  return {
    stageOne: summarise(tally(stageOne)),
    stageTwo: summarise(tally(stageTwo)),
    panelWithStageOneOpen,
    panelWithoutChecklist,
    rules: assessmentStageRules,
  };
}
