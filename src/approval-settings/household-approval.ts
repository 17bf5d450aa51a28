/** The approval rules part of the household page: its route, its timeliness standard, and how it stands. */
import { londonDate, londonToday, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { stageHistory } from '../pipeline/pipeline.repo.ts';
import { approvalRouteLabels, type Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { nextChangeAfter, standardProgress, type StandardProgress } from './approval-settings.ts';
import { approvalSettingsOf, rulesOn } from './approval-settings.service.ts';

const decisionReasons: readonly (string | null)[] = ['refused', 'not_recommended'];

interface StageStep {
  stage: Stage;
  at: Date;
  reason: string | null;
}

/**
 * The household's current application and what became of it: the latest move to `application`,
 * then the first decision after it (approved, not recommended, refused), or its closing otherwise.
 */
export function applicationOutcome(history: readonly StageStep[]) {
  const applied = history.filter((e) => e.stage === 'application').at(-1);
  if (!applied) return { applicationOn: null, decidedOn: null, endedOn: null };
  const after = history.filter((e) => e.at >= applied.at && e !== applied);
  const decided = after.find(
    (e) => e.stage === 'approved' || (e.stage === 'closed' && decisionReasons.includes(e.reason)),
  );
  const ended = decided ? undefined : after.find((e) => e.stage === 'closed');
  return {
    applicationOn: londonDate(applied.at),
    decidedOn: decided ? londonDate(decided.at) : null,
    endedOn: ended ? londonDate(ended.at) : null,
  };
}

export interface HouseholdApproval {
  applicationOn: IsoDate | null;
  route: { value: string; label: string; since: IsoDate | null };
  noPanel: boolean;
  standard: { months: number; since: IsoDate | null };
  /** Against the standard: while the application is live, and once decided; null before or after a withdrawal. */
  progress: StandardProgress | null;
  decidedOn: IsoDate | null;
  endedOn: IsoDate | null;
  /** For a household not yet applied: changes already dated after today that would apply if it applied then. */
  coming: {
    route: { label: string; from: IsoDate } | null;
    standard: { months: number; from: IsoDate } | null;
  };
}

/**
 * The rules a household works under (those in force on its application date; today's if it has not
 * applied) and how it stands against its timeliness standard today.
 */
export async function approvalForHousehold(
  db: Db,
  actor: Actor,
  enquiryId: string,
  now = new Date(),
): Promise<HouseholdApproval> {
  const [histories, history] = await Promise.all([
    approvalSettingsOf(db, actor.agencyId),
    stageHistory(db, actor.agencyId, enquiryId),
  ]);
  const today = londonToday(now);
  const outcome = applicationOutcome(history);
  const rules = rulesOn(histories, outcome.applicationOn, today);
  const live = outcome.applicationOn && !outcome.endedOn;
  const nextRoute = outcome.applicationOn ? undefined : nextChangeAfter(histories.approval_route, today);
  const nextStandard = outcome.applicationOn
    ? undefined
    : nextChangeAfter(histories.timeliness_standard, today);
  return {
    ...outcome,
    route: { ...rules.route, label: approvalRouteLabels[rules.route.value] },
    noPanel: rules.route.value === 'decision_maker_only',
    standard: { months: rules.standard.value, since: rules.standard.since },
    progress: live
      ? standardProgress(outcome.applicationOn!, rules.standard.value, today, outcome.decidedOn)
      : null,
    coming: {
      route: nextRoute
        ? { label: approvalRouteLabels[nextRoute.value], from: nextRoute.effectiveFrom }
        : null,
      standard: nextStandard ? { months: nextStandard.value, from: nextStandard.effectiveFrom } : null,
    },
  };
}
