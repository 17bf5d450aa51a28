import { agencyIds } from '../agencies/agencies.repo.ts';
import { stageOneMonthsOf } from '../assessment-checks/check-types.service.ts';
import { approvalRulesResolver } from '../approval-settings/approval-settings.service.ts';
import type { Db } from '../db/client.ts';
import type { Progress } from '../jobs/contracts.ts';
import { stageLabels, type Stage } from '../pipeline/stages.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import {
  applicable,
  atRisk,
  deadlineKeys,
  deadlineLabels,
  deadlinesFor,
  endOfDueDay,
  type Deadline,
  type DeadlineKey,
} from './deadlines.ts';
import { factsForActiveHouseholds, factsForEnquiry, type HouseholdDeadlineFacts } from './deadlines.repo.ts';
import {
  closeTasksExcept,
  closeTasksOfInactiveHouseholds,
  insertTasks,
  openTasksFor,
  reassignOpenTasks,
  type TaskRow,
} from './tasks.repo.ts';

/**
 * The households' facts with the approval rules each applied under (the route decides whether the
 * panel clocks or the timeliness standard's decision clock run), reading the settings once.
 */
async function withApprovalRules(db: Db, agencyId: string, households: HouseholdDeadlineFacts[], now: Date) {
  const rulesFor = await approvalRulesResolver(db, agencyId, now);
  const stageOneMonths = await stageOneMonthsOf(db, agencyId);
  return households.map((h) => {
    const rules = rulesFor(h.facts.applicationAt);
    return {
      ...h,
      facts: {
        ...h.facts,
        approval: { route: rules.route.value, standardMonths: rules.standard.value, stageOneMonths },
      },
    };
  });
}

/** The deadlines that apply to one household, for its page. */
export async function householdDeadlines(db: Db, actor: Actor, enquiryId: string, now = new Date()) {
  const household = await factsForEnquiry(db, actor.agencyId, enquiryId);
  if (!household) return [];
  const [withRules] = await withApprovalRules(db, actor.agencyId, [household], now);
  return applicable(deadlinesFor(withRules!.facts, await calendarFor(db), now));
}

export interface AtRiskItem {
  enquiryId: string;
  applicantNames: string;
  officerId: string | null;
  officerName: string | null;
  stage: Stage;
  stageLabel: string;
  deadline: Deadline;
}

function atRiskItems(households: HouseholdDeadlineFacts[], calendar: WorkingDayCalendar, now: Date) {
  return households.flatMap((h) =>
    deadlinesFor(h.facts, calendar, now)
      .filter(atRisk)
      .map((deadline): AtRiskItem => ({
        enquiryId: h.enquiryId,
        applicantNames: h.applicantNames,
        officerId: h.assignedOfficerId,
        officerName: h.assignedOfficerName,
        stage: h.facts.stage,
        stageLabel: stageLabels[h.facts.stage],
        deadline,
      })),
  );
}

export const atRiskSorts = ['due', 'deadline', 'officer', 'household'] as const;
export type AtRiskSort = (typeof atRiskSorts)[number];

const byDue = (a: AtRiskItem, b: AtRiskItem) =>
  a.deadline.dueOn! < b.deadline.dueOn! ? -1 : a.deadline.dueOn! > b.deadline.dueOn! ? 1 : 0;
const byText = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'en-GB');

const comparators: Record<AtRiskSort, (a: AtRiskItem, b: AtRiskItem) => number> = {
  // Most overdue first: the earliest due date is the one missed longest ago.
  due: byDue,
  deadline: (a, b) =>
    deadlineKeys.indexOf(a.deadline.key) - deadlineKeys.indexOf(b.deadline.key) || byDue(a, b),
  officer: (a, b) => byText(a.officerName, b.officerName) || byDue(a, b),
  household: (a, b) => byText(a.applicantNames, b.applicantNames) || byDue(a, b),
};

/** Every overdue or due-soon deadline across the team (or one officer's households). */
export async function deadlinesAtRisk(
  db: Db,
  agencyId: string,
  options: { officerId?: string; sort?: AtRiskSort; deadline?: DeadlineKey } = {},
  now = new Date(),
) {
  const households = await withApprovalRules(
    db,
    agencyId,
    await factsForActiveHouseholds(db, agencyId, { officerId: options.officerId }),
    now,
  );
  const items = atRiskItems(households, await calendarFor(db), now)
    .filter((item) => !options.deadline || item.deadline.key === options.deadline)
    .sort(comparators[options.sort ?? 'due']);
  return items;
}

/** Counts by deadline, for the summary above the at-risk list. */
export function summarise(items: readonly AtRiskItem[]) {
  return deadlineKeys
    .filter((key) => key !== 'independent_review')
    .map((key) => {
      const mine = items.filter((i) => i.deadline.key === key);
      return {
        key,
        label: deadlineLabels[key],
        overdue: mine.filter((i) => i.deadline.state === 'overdue').length,
        dueSoon: mine.filter((i) => i.deadline.state === 'due_soon').length,
      };
    });
}

/** The "Deadlines" part of an officer's My work: their households at risk, and their open tasks. */
export async function myDeadlines(db: Db, actor: Actor & { userId: string }, now = new Date()) {
  const [atRiskForMe, tasks] = await Promise.all([
    deadlinesAtRisk(db, actor.agencyId, { officerId: actor.userId }, now),
    openTasksFor(db, actor.agencyId, actor.userId),
  ]);
  return {
    atRisk: atRiskForMe,
    tasks: tasks.map((t) => ({
      ...t,
      label: deadlineLabels[t.deadline as DeadlineKey] ?? t.deadline,
      // Due "by the end of" a day: the stored instant is the midnight after it.
      dueDay: new Date(t.dueAt.getTime() - 1),
    })),
  };
}

export interface SweepResult {
  households: number;
  created: number;
  closed: number;
}

/**
 * Brings one agency's tasks in line with its deadlines, a batch of households per transaction:
 * a task for each overdue or due-soon deadline (for the assigned officer, or the team), and every
 * other open task marked done. Safe to run twice, concurrently, or again after a crash half-way:
 * a task's unique key means it is never created twice.
 */
export async function sweepAgency(
  db: Db,
  agencyId: string,
  options: { now?: Date; batchSize?: number; onBatch?: (progress: SweepResult) => Promise<void> } = {},
): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const calendar = await calendarFor(db);
  const total: SweepResult = { households: 0, created: 0, closed: 0 };
  let afterId: string | undefined;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const households = await withApprovalRules(
        tx,
        agencyId,
        await factsForActiveHouseholds(tx, agencyId, { afterId, limit: options.batchSize ?? 200 }),
        now,
      );
      if (households.length === 0) return undefined;
      const ids = households.map((h) => h.enquiryId);
      const rows: TaskRow[] = households.flatMap((h) =>
        deadlinesFor(h.facts, calendar, now)
          .filter(atRisk)
          .map((d) => ({
            enquiryId: h.enquiryId,
            deadline: d.key,
            state: d.state as TaskRow['state'],
            dueAt: endOfDueDay(d.dueOn!),
            userId: h.assignedOfficerId,
          })),
      );
      await reassignOpenTasks(tx, agencyId, ids);
      const created = await insertTasks(tx, agencyId, rows);
      const closed = await closeTasksExcept(tx, agencyId, ids, rows, now);
      return { lastId: ids.at(-1)!, households: ids.length, created, closed };
    });
    if (!batch) break;
    afterId = batch.lastId;
    total.households += batch.households;
    total.created += batch.created;
    total.closed += batch.closed;
    await options.onBatch?.({ ...total });
  }
  total.closed += await closeTasksOfInactiveHouseholds(db, agencyId, now);
  return total;
}

export interface SweepTotal extends SweepResult {
  agencies: number;
}

/**
 * The sweep of one agency, or of every agency when none is given (the scheduled run), reporting
 * the households done so far after each batch.
 */
export async function sweepAgencies(
  db: Db,
  options: { agencyId?: string; batchSize?: number; now: Date; onProgress?: Progress },
): Promise<SweepTotal> {
  const { agencyId, batchSize, now, onProgress } = options;
  const ids = agencyId ? [agencyId] : await agencyIds(db);
  const total = { agencies: 0, households: 0, created: 0, closed: 0 };
  for (const id of ids) {
    const result = await sweepAgency(db, id, {
      now,
      batchSize,
      onBatch: async (progress) =>
        onProgress?.({
          ...total,
          agencies: total.agencies,
          households: total.households + progress.households,
        }),
    });
    total.agencies += 1;
    total.households += result.households;
    total.created += result.created;
    total.closed += result.closed;
  }
  return total;
}
