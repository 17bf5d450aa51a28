import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/db-type.ts';
import type { Actor } from '../shared/actor.ts';
import { fieldError } from '../shared/errors.ts';
import { insertScheduleChange, saveSchedule, scheduleChanges } from './retention.repo.ts';
import { retentionSchedule } from './retention.service.ts';
import { scheduleYears, type RetentionSchedule } from './retention-rules.ts';
import { scheduleRules } from './retention.table.ts';
import type { ScheduleInputValue } from './retention.schema.ts';

/** The schedule and its history of changes (who, when, old → new, why), newest first. */
export async function scheduleWithHistory(db: Db, agencyId: string) {
  const [schedule, history] = await Promise.all([
    retentionSchedule(db, agencyId),
    scheduleChanges(db, agencyId),
  ]);
  return { schedule, history };
}

/**
 * Changes the service's retention periods (admins). The minimums are the law's (reg. 32: 10 years
 * for approved carers, 3 for refused or withdrawn applications) and checked by ScheduleInput; each
 * changed period is kept in the history with the reason. Error: `validation` when nothing changes.
 */
export async function changeSchedule(db: Db, actor: Actor, input: ScheduleInputValue, now = new Date()) {
  return db.transaction(async (tx) => {
    const before = await retentionSchedule(tx, actor.agencyId);
    const after: RetentionSchedule = {
      approvedCarerYears: input.approvedCarerYears,
      refusedOrWithdrawnYears: input.refusedOrWithdrawnYears,
      enquiryOnlyYears: input.enquiryOnlyYears,
    };
    const changed = scheduleRules.filter(
      (rule) => scheduleYears(before, rule) !== scheduleYears(after, rule),
    );
    if (changed.length === 0) {
      throw fieldError('approvedCarerYears', 'Change at least one period, or leave the schedule as it is');
    }
    await saveSchedule(tx, actor.agencyId, after, actor.userId, now);
    for (const rule of changed) {
      await insertScheduleChange(tx, {
        agencyId: actor.agencyId,
        rule,
        fromYears: scheduleYears(before, rule),
        toYears: scheduleYears(after, rule),
        reason: input.reason,
        changedBy: actor.userId,
        changedAt: now,
      });
    }
    await recordAudit(tx, actor, {
      action: 'retention.schedule_changed',
      entityType: 'agency',
      entityId: actor.agencyId,
      changes: Object.fromEntries(
        changed.map((rule) => [rule, { from: scheduleYears(before, rule), to: scheduleYears(after, rule) }]),
      ),
    });
    return after;
  });
}
