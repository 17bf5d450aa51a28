import { recordAudit } from '../audit/audit.service.ts';
import { addDays, addMonths, compareDates, londonToday, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/db-type.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { anonymiseHouseholds, type AnonymiseCounts } from './anonymise.service.ts';
import {
  insertDecision,
  latestDecisions,
  lockHouseholds,
  reviewDetails,
  type LatestDecision,
} from './disposal.repo.ts';
import { heldHouseholds } from './legal-holds.repo.ts';
import { ruleLabels, type RetentionRule } from './retention-rules.ts';
import { retentionOf, type HouseholdRetention } from './retention.service.ts';

/** A household on the "Due for disposal" list. */
export interface DueItem {
  householdId: string;
  /** Its latest enquiry: the reference managers know it by, and the household page's address. */
  enquiryId: string | null;
  names: string;
  rule: RetentionRule;
  ruleLabel: string;
  keepUntil: IsoDate;
  basis: string;
  /** The date has passed: it may be anonymised now. */
  overdue: boolean;
  held: boolean;
  /** The manager's decision for this date, if any. */
  decision: LatestDecision | null;
}

const lastDayOfMonth = (today: IsoDate) => addDays(addMonths(`${today.slice(0, 7)}-01`, 1), -1);

/** Households whose date has passed, or passes this month, and are not yet anonymised. */
function dueBy(all: Map<string, HouseholdRetention>, lastDay: IsoDate) {
  return [...all].filter(
    ([, r]) => !r.anonymisedAt && r.keepUntil !== null && compareDates(r.keepUntil, lastDay) <= 0,
  ) as [string, HouseholdRetention & { keepUntil: IsoDate }][];
}

/** A decision counts only for the date it was made for (new contact moves the date). */
const currentDecision = (decision: LatestDecision | undefined, keepUntil: IsoDate) =>
  decision && decision.keepUntil === keepUntil ? decision : null;

/**
 * The "Due for disposal" list: households whose retention date has passed (overdue) or passes by
 * the end of this month, oldest date first, with the rule, the date, the basis, any legal hold and
 * the manager's decision. Names and the reference only: no more than a review needs.
 */
export async function dueForDisposal(db: Db, agencyId: string, now = new Date()): Promise<DueItem[]> {
  const today = londonToday(now);
  const due = dueBy(await retentionOf(db, agencyId), lastDayOfMonth(today));
  const ids = due.map(([id]) => id);
  const [held, decisions, details] = await Promise.all([
    heldHouseholds(db, agencyId, ids),
    latestDecisions(db, agencyId, ids),
    reviewDetails(db, agencyId, ids),
  ]);
  return due
    .map(([householdId, r]) => ({
      householdId,
      enquiryId: details.get(householdId)?.enquiryId ?? null,
      names: details.get(householdId)?.names ?? '',
      rule: r.rule,
      ruleLabel: ruleLabels[r.rule],
      keepUntil: r.keepUntil,
      basis: r.basis,
      overdue: compareDates(r.keepUntil, today) < 0,
      held: held.has(householdId),
      decision: currentDecision(decisions.get(householdId), r.keepUntil),
    }))
    .sort((a, b) => compareDates(a.keepUntil, b.keepUntil) || a.names.localeCompare(b.names));
}

export interface RetentionRunResult {
  /** Households past their date and not yet anonymised when the run started. */
  due: number;
  /** Anonymised by this run (with `dryRun`: would have been). */
  anonymised: number;
  /** Past their date but under a legal hold: kept. */
  held: number;
  /**
   * Past their date but left alone: excluded by a manager with a reason (for this date) and, in
   * `approved` mode (the nightly job), also those no manager has approved yet.
   */
  skipped: number;
  householdIds: string[];
}

/**
 * Applies the retention schedule to households past their date (`keepUntil` before today). Mode
 * `operator` (`npm run crm -- retention:run`): anonymises every one not under a legal hold and not
 * excluded by a manager. Mode `approved` (the nightly job): only those a manager approved on the
 * "Due for disposal" page. `dryRun` writes nothing. A second run finds nothing more to do, since
 * anonymised households are no longer due.
 */
export async function runRetention(
  db: Db,
  actor: Actor,
  options: { mode: 'operator' | 'approved'; dryRun?: boolean; now?: Date },
): Promise<RetentionRunResult> {
  const now = options.now ?? new Date();
  const today = londonToday(now);
  const due = dueBy(await retentionOf(db, actor.agencyId), addDays(today, -1));
  const ids = due.map(([id]) => id);
  const held = await heldHouseholds(db, actor.agencyId, ids);
  const decisions = await latestDecisions(db, actor.agencyId, ids);
  const chosen: string[] = [];
  let skipped = 0;
  for (const [id, r] of due) {
    if (held.has(id)) continue;
    const decision = currentDecision(decisions.get(id), r.keepUntil)?.decision;
    if (decision === 'excluded' || (options.mode === 'approved' && decision !== 'approved')) skipped++;
    else chosen.push(id);
  }
  const anonymised = options.dryRun ? chosen : await disposeOf(db, actor, chosen, now);
  return {
    due: due.length,
    anonymised: anonymised.length,
    held: held.size,
    skipped,
    householdIds: anonymised,
  };
}

const BATCH = 100;

/**
 * Anonymises households whose retention date has passed, a batch per transaction: each batch locks
 * its households, checks again (a hold placed, or new contact, since the list was read, wins) and
 * audits each household and the batch by id and counts only. Returns the ids anonymised.
 */
async function disposeOf(db: Db, actor: Actor, householdIds: string[], now: Date) {
  const done: string[] = [];
  for (let i = 0; i < householdIds.length; i += BATCH) {
    const batch = householdIds.slice(i, i + BATCH);
    const ids = await db.transaction(async (tx) => {
      await lockHouseholds(tx, actor.agencyId, batch);
      const held = await heldHouseholds(tx, actor.agencyId, batch);
      const still = dueBy(await retentionOf(tx, actor.agencyId, batch), addDays(londonToday(now), -1))
        .map(([id]) => id)
        .filter((id) => !held.has(id));
      if (still.length === 0) return [];
      const counts = await anonymiseHouseholds(tx, actor.agencyId, still, 'retention', now);
      await auditAnonymised(tx, actor, still, counts);
      return still;
    });
    done.push(...ids);
  }
  return done;
}

async function auditAnonymised(tx: Db, actor: Actor, ids: string[], counts: AnonymiseCounts) {
  for (const id of ids) {
    await recordAudit(tx, actor, {
      action: 'household.anonymised',
      entityType: 'household',
      entityId: id,
      changes: { cause: { to: 'retention' } },
    });
  }
  await recordAudit(tx, actor, {
    action: 'retention.anonymised',
    entityType: 'agency',
    entityId: actor.agencyId,
    changes: {
      householdIds: { to: ids },
      ...Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, { to: n }])),
    },
  });
}

/**
 * A manager approves disposal of households on the list. Those already past their date are
 * anonymised at once (the manager sees the result, and an approval is never left waiting); those
 * whose date is later this month are anonymised by the nightly retention job once it has passed.
 * Errors: `validation` (a household not on the list), `conflict` (under a legal hold).
 */
export async function approveDisposal(db: Db, actor: Actor, householdIds: string[], now = new Date()) {
  const due = new Map((await dueForDisposal(db, actor.agencyId, now)).map((d) => [d.householdId, d]));
  const chosen = [...new Set(householdIds)].map((id) => {
    const item = due.get(id);
    if (!item)
      throw fieldError(
        'householdIds',
        'A household you selected is no longer due for disposal: reload the list',
      );
    if (item.held)
      throw new AppError(
        'conflict',
        'A household you selected is under a legal hold: it cannot be disposed of.',
      );
    return item;
  });
  await db.transaction(async (tx) => {
    for (const item of chosen) {
      await insertDecision(tx, {
        agencyId: actor.agencyId,
        householdId: item.householdId,
        keepUntil: item.keepUntil,
        decision: 'approved',
        decidedBy: actor.userId,
        decidedAt: now,
      });
      await recordAudit(tx, actor, {
        action: 'retention.disposal_approved',
        entityType: 'household',
        entityId: item.householdId,
        changes: { keepUntil: { to: item.keepUntil } },
      });
    }
  });
  const overdue = chosen.filter((c) => c.overdue).map((c) => c.householdId);
  const anonymised = await disposeOf(db, actor, overdue, now);
  return { approved: chosen.length, anonymised: anonymised.length, later: chosen.length - overdue.length };
}

/** A manager keeps a household off the disposal run for this date, with a reason (audited without it). */
export async function excludeFromDisposal(
  db: Db,
  actor: Actor,
  householdId: string,
  reason: string,
  now = new Date(),
) {
  const item = (await dueForDisposal(db, actor.agencyId, now)).find((d) => d.householdId === householdId);
  if (!item) throw new AppError('not_found', 'This household is not due for disposal.');
  await db.transaction(async (tx) => {
    await insertDecision(tx, {
      agencyId: actor.agencyId,
      householdId,
      keepUntil: item.keepUntil,
      decision: 'excluded',
      reason,
      decidedBy: actor.userId,
      decidedAt: now,
    });
    await recordAudit(tx, actor, {
      action: 'retention.disposal_excluded',
      entityType: 'household',
      entityId: householdId,
      changes: { keepUntil: { to: item.keepUntil } },
    });
  });
  return item;
}
