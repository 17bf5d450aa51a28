/** Progress towards the recruitment targets: new carers so far, and a projection to the year's end. */
import type { Db } from '../db/client.ts';
import { addDays, daysBetween, londonToday, type IsoDate } from '../calendar/dates.ts';
import { activeStages, stageLabels } from '../pipeline/stages.ts';
import { listTargets } from '../targets/targets.repo.ts';
import { targetPeriod } from '../targets/targets.service.ts';
import type { targets } from '../targets/targets.table.ts';
import { conversionReport } from './conversion.service.ts';
import { netCarers } from './net-carers.service.ts';
import { routesCounted } from './report-routes.ts';
import { stagesAt } from './reports.repo.ts';
import { timeInStageReport } from './time-in-stage.service.ts';

/** The history a projection learns from: the two years to today. */
const HISTORY_DAYS = 730;

/**
 * Where the year will end if the pipeline converts as it has over the last two years: for each
 * stage, the households there now × the share of households that went on from that stage to
 * approval, counted only if the usual time from that stage to approval (the medians of each
 * stage after it) fits before the year ends.
 */
export async function projectApprovals(db: Db, agencyId: string, today: IsoDate, yearEnd: IsoDate) {
  const history = { from: addDays(today, -HISTORY_DAYS), to: today };
  const [conversion, time, now] = await Promise.all([
    conversionReport(db, agencyId, history),
    timeInStageReport(db, agencyId, history),
    stagesAt(db, agencyId, today, routesCounted('mainstream')),
  ]);
  const daysLeft = Math.max(0, daysBetween(today, yearEnd));
  let chance = 1;
  let days = 0;
  const byStage = [];
  for (const stage of [...activeStages].reverse()) {
    const step = conversion.steps.find((s) => s.stage === stage)!;
    chance *= (step.percent ?? 0) / 100;
    days += time.stages.find((s) => s.stage === stage)!.medianDays ?? 0;
    const households = now[stage] ?? 0;
    const inTime = days <= daysLeft;
    byStage.unshift({
      stage,
      label: stageLabels[stage],
      households,
      chancePercent: Math.round(chance * 1000) / 10,
      typicalDaysToApproval: days,
      inTime,
      expected: inTime ? households * chance : 0,
    });
  }
  return { byStage, expected: byStage.reduce((sum, s) => sum + s.expected, 0), daysLeft };
}

/** Each target with the new carers so far (approvals and transfers in) and a projection to the year's end. */
export async function targetsWithProgress(db: Db, agencyId: string, today = londonToday()) {
  const list = await listTargets(db, agencyId);
  return Promise.all(list.map((target) => progressOf(db, agencyId, target, today)));
}

async function progressOf(db: Db, agencyId: string, target: typeof targets.$inferSelect, today: IsoDate) {
  const period = targetPeriod(target);
  const started = period.start <= today;
  const ended = period.end < today;
  const achieved = started
    ? await netCarers(db, agencyId, { from: period.start, to: ended ? period.end : today }).then(
        (n) => n.approvals + n.transfersIn,
      )
    : 0;
  const projection = !ended && started ? await projectApprovals(db, agencyId, today, period.end) : null;
  const projected = achieved + Math.round(projection?.expected ?? 0);
  return {
    ...target,
    period,
    status: ended ? ('ended' as const) : started ? ('current' as const) : ('future' as const),
    achieved,
    percent: Math.min(100, Math.round((achieved / target.carers) * 100)),
    stillNeeded: Math.max(0, target.carers - achieved),
    projection,
    projected,
    onTrack: projected >= target.carers,
  };
}
export type TargetProgress = Awaited<ReturnType<typeof targetsWithProgress>>[number];
