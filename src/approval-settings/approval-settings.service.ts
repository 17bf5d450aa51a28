/**
 * A service's dated approval settings: the approval route (panel then decision maker, or decision
 * maker only) and the application-to-approval timeliness standard, each with the date it takes
 * effect and a kept history. A household keeps the rules in force on the day it applied (its
 * latest move to `application`); one not yet applied is shown today's. docs/domain.md, "The approval
 * route and timeliness standards", gives the rules and their sources.
 */
import { recordAudit } from '../audit/audit.service.ts';
import { addDays, londonDate, londonToday, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { approvalRouteLabels, type ApprovalRoute } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import {
  defaults,
  nextChangeAfter,
  standardDueOn,
  valueOn,
  type DatedSetting,
  type InForce,
  type SettingChange,
  type SettingValues,
} from './approval-settings.ts';
import {
  applicationsOf,
  applicationsPastStep,
  insertSettingChange,
  lockAgencySettings,
  settingChangesOf,
} from './approval-settings.repo.ts';
import type { ApprovalRouteChangeInput, TimelinessStandardChangeInput } from './approval-settings.schema.ts';

export type SettingHistories = { [S in DatedSetting]: SettingChange<SettingValues[S]>[] };

/** Both settings' histories for a service, oldest effective date first. */
export async function approvalSettingsOf(db: Db, agencyId: string): Promise<SettingHistories> {
  const rows = await settingChangesOf(db, agencyId);
  const of = <S extends DatedSetting>(setting: S) =>
    rows
      .filter((r) => r.setting === setting)
      .map((r): SettingChange<SettingValues[S]> => ({
        ...r,
        value: r.value as SettingValues[S],
        previousValue: r.previousValue as SettingValues[S],
      }));
  return { approval_route: of('approval_route'), timeliness_standard: of('timeliness_standard') };
}

/** The rules a household works under: those in force on its application date, or today's before it applies. */
export interface ApprovalRules {
  applicationOn: IsoDate | null;
  route: InForce<ApprovalRoute>;
  standard: InForce<number>;
}

export function rulesOn(histories: SettingHistories, applicationOn: IsoDate | null, today: IsoDate) {
  const date = applicationOn ?? today;
  return {
    applicationOn,
    route: valueOn(histories.approval_route, date, defaults.approval_route),
    standard: valueOn(histories.timeliness_standard, date, defaults.timeliness_standard),
  } satisfies ApprovalRules;
}

/** The approval route in force on a date. */
export async function approvalRouteFor(db: Db, agencyId: string, date: IsoDate) {
  return valueOn((await approvalSettingsOf(db, agencyId)).approval_route, date, defaults.approval_route);
}

/**
 * The application-to-approval timeliness standard for a household that applied on `applicationDate`
 * (a Europe/London date): `months` calendar months, in force since `since` (null: the national
 * default, 8 months), and `dueOn`, the last day that is within the standard (standardDueOn: same day
 * of the month, or the month's last day). For the Ofsted return: approved on or before `dueOn` is
 * "within" the standard.
 */
export async function timelinessStandardFor(db: Db, agencyId: string, applicationDate: IsoDate) {
  const { value: months, since } = valueOn(
    (await approvalSettingsOf(db, agencyId)).timeliness_standard,
    applicationDate,
    defaults.timeliness_standard,
  );
  return { months, since, dueOn: standardDueOn(applicationDate, months) };
}

/**
 * A function giving the rules for an application received at an instant (null: not yet applied),
 * reading the service's settings once: for lists such as the deadline sweep.
 */
export async function approvalRulesResolver(db: Db, agencyId: string, now = new Date()) {
  const histories = await approvalSettingsOf(db, agencyId);
  const today = londonToday(now);
  return (applicationAt: Date | null) =>
    rulesOn(histories, applicationAt ? londonDate(applicationAt) : null, today);
}

/** The rules of each of these households (two queries, whatever their number). */
export async function approvalRulesOf(
  db: Db,
  agencyId: string,
  enquiryIds: readonly string[],
  now = new Date(),
) {
  // One after the other: inside a transaction both would share one connection.
  const resolve = await approvalRulesResolver(db, agencyId, now);
  const applications = await applicationsOf(db, agencyId, enquiryIds);
  const appliedAt = new Map(applications.map((a) => [a.enquiryId, new Date(a.at)]));
  return new Map(enquiryIds.map((id) => [id, resolve(appliedAt.get(id) ?? null)]));
}

/**
 * The steps after which a household's rules can no longer change under it. The route: it has been
 * to panel, or had a decision (approved, not recommended, refused). The standard: it had a decision.
 */
const stepsTaken: Record<DatedSetting, { stages: string[]; closeReasons: string[]; words: string }> = {
  approval_route: {
    stages: ['panel', 'approved'],
    closeReasons: ['not_recommended', 'refused'],
    words: 'have already been to panel or had a decision',
  },
  timeliness_standard: {
    stages: ['approved'],
    closeReasons: ['not_recommended', 'refused'],
    words: 'have already had a decision',
  },
};

const inWords = {
  approval_route: (v: unknown) => approvalRouteLabels[v as ApprovalRoute],
  timeliness_standard: (v: unknown) => `${String(v)} months`,
} satisfies Record<DatedSetting, (v: unknown) => string>;

/**
 * Records a change of a setting taking effect on `effectiveFrom`. Refused (nothing written):
 * - `validation` (422, on `field`) when that value is already the one in force on that date;
 * - `conflict` (409, on `effectiveFrom`) when the date is today or earlier and households that
 *   applied in the period it would govern (from that date to the next recorded change) have already
 *   taken a step under the rules it would replace (stepsTaken). A future date is always accepted:
 *   nobody can have applied yet on a date still to come (stage events are never in the future).
 * Changes of one service are written one at a time (its agency row is locked).
 */
async function recordChange<S extends DatedSetting>(
  db: Db,
  actor: Actor,
  change: { setting: S; field: string; value: SettingValues[S]; effectiveFrom: IsoDate; reason: string },
  now: Date,
) {
  const { setting, value, effectiveFrom } = change;
  return db.transaction(async (tx) => {
    await lockAgencySettings(tx, actor.agencyId);
    const history: SettingChange<SettingValues[S]>[] = (await approvalSettingsOf(tx, actor.agencyId))[
      setting
    ];
    const before = valueOn(history, effectiveFrom, defaults[setting]);
    if (before.value === value) {
      throw fieldError(
        change.field,
        `${inWords[setting](value)} is already the rule on ${formatDate(effectiveFrom)}: choose another, or another date`,
      );
    }
    if (effectiveFrom <= londonToday(now)) {
      const until = nextChangeAfter(history, effectiveFrom)?.effectiveFrom ?? null;
      await refuseIfStepsTaken(tx, actor.agencyId, setting, { from: effectiveFrom, until });
    }
    const row = await insertSettingChange(tx, {
      agencyId: actor.agencyId,
      setting,
      value,
      previousValue: before.value,
      effectiveFrom,
      reason: change.reason,
      recordedBy: actor.userId,
      recordedAt: now,
    });
    await recordAudit(tx, actor, {
      action: 'approval_setting.changed',
      entityType: 'approval_setting_change',
      entityId: row.id,
      changes: {
        setting: { to: setting },
        value: { from: before.value, to: value },
        effectiveFrom: { to: effectiveFrom },
      },
    });
    return row;
  });
}

async function refuseIfStepsTaken(
  db: Db,
  agencyId: string,
  setting: DatedSetting,
  period: { from: IsoDate; until: IsoDate | null },
) {
  const step = stepsTaken[setting];
  const taken = await applicationsPastStep(db, agencyId, period, step);
  if (taken.length === 0) return;
  const earliest = addDays(taken.at(-1)!.applicationOn, 1);
  const message =
    `${taken.length === 1 ? '1 household' : `${taken.length} households`} that applied on or after ` +
    `${formatDate(period.from)} ${step.words} under the rules then in force: a change dated then would alter them. ` +
    `Date the change ${formatDate(earliest)} or later.`;
  throw new AppError('conflict', message, {
    issues: [{ path: 'effectiveFrom', message }],
    details: { households: taken.length, earliestEffectiveFrom: earliest },
  });
}

/** Changes the approval route from a date (see recordChange for what is refused). */
export async function changeApprovalRoute(
  db: Db,
  actor: Actor,
  input: ApprovalRouteChangeInput,
  now = new Date(),
) {
  return recordChange(
    db,
    actor,
    { setting: 'approval_route', field: 'route', value: input.route, ...input },
    now,
  );
}

/** Changes the application-to-approval timeliness standard from a date (see recordChange). */
export async function changeTimelinessStandard(
  db: Db,
  actor: Actor,
  input: TimelinessStandardChangeInput,
  now = new Date(),
) {
  return recordChange(
    db,
    actor,
    { setting: 'timeliness_standard', field: 'months', value: input.months, ...input },
    now,
  );
}
