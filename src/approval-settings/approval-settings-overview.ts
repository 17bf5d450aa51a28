/** What the settings page and the API show of a service's approval rules: in force today, scheduled, history. */
import { londonToday } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { approvalRouteLabels, type ApprovalRoute } from '../pipeline/stages.ts';
import {
  defaults,
  newestFirst,
  valueOn,
  type DatedSetting,
  type SettingChange,
} from './approval-settings.ts';
import { approvalSettingsOf } from './approval-settings.service.ts';

const labelOf: Record<DatedSetting, (value: unknown) => string> = {
  approval_route: (v) => approvalRouteLabels[v as ApprovalRoute],
  timeliness_standard: (v) => `${String(v)} months`,
};

function section<V>(setting: DatedSetting, history: SettingChange<V>[], today: string) {
  const label = labelOf[setting];
  const current = valueOn(history, today, defaults[setting] as V);
  // Of two changes on the same date, the later recorded replaced the earlier.
  const effective = history.filter(
    (c) => !history.some((o) => o.effectiveFrom === c.effectiveFrom && newestFirst(o, c) < 0),
  );
  return {
    current: { value: current.value, label: label(current.value), since: current.since },
    scheduled: effective
      .filter((c) => c.effectiveFrom > today)
      .map((c) => ({ value: c.value, label: label(c.value), effectiveFrom: c.effectiveFrom })),
    history: [...history]
      .sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())
      .map((c) => ({
        value: c.value,
        previousValue: c.previousValue,
        label: label(c.value),
        previousLabel: label(c.previousValue),
        effectiveFrom: c.effectiveFrom,
        reason: c.reason,
        recordedAt: c.recordedAt,
        recordedBy: c.recordedBy,
        replaced: !effective.includes(c),
      })),
  };
}

/**
 * Each setting's value today (and since when; null: the national default), the changes dated after
 * today, and every change recorded, newest first: who, when, from what to what, from which date, why.
 */
export async function approvalSettingsOverview(db: Db, agencyId: string, now = new Date()) {
  const histories = await approvalSettingsOf(db, agencyId);
  const today = londonToday(now);
  return {
    today,
    approvalRoute: section('approval_route', histories.approval_route, today),
    timelinessStandard: section('timeliness_standard', histories.timeliness_standard, today),
  };
}
