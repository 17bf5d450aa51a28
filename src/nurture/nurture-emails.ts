import type { AppDeps } from '../deps.ts';
import { queueFollowUp } from '../follow-ups/follow-ups.service.ts';
import { dispatchMessages } from '../messages/outbox.service.ts';
import { allNurtureSettings } from './nurture-settings.ts';
import { markStepSent, poolMembersToWriteTo } from './nurture.repo.ts';

/** Past a step by more than this, it is not sent late: the next one will come in its turn. */
const LATE_DAYS = 14;

/**
 * The nurture sequence (issue 17 §6), run daily: for each household in the pool, the step whose
 * day has come (by the agency's settings: by default 30, 90, 180 and 365 days after joining), once.
 * Once means: the pool row records the step (only if not recorded yet) in the same transaction as
 * the outbox message, whose idempotency key also names the step. Only people whose latest email
 * consent is granted and who have not unsubscribed; nothing after they leave the pool (a reply, a
 * booking, a move on). Returns how many emails were queued.
 */
export async function queueNurtureEmails(deps: Pick<AppDeps, 'db' | 'queues'>, now = new Date()) {
  const settingsOf = await allNurtureSettings(deps.db);
  const ids: (string | undefined)[] = [];
  for (const member of await poolMembersToWriteTo(deps.db, now)) {
    const settings = settingsOf(member.agencyId);
    if (!settings.enabled) continue;
    const step = settings.stepDays.filter((days) => member.daysIn >= days).length;
    if (step === 0 || step <= member.stepsSent) continue;
    if (member.daysIn > settings.stepDays[step - 1]! + LATE_DAYS) continue;
    ids.push(
      await deps.db.transaction(async (tx) => {
        if (!(await markStepSent(tx, member.id, step, now))) return undefined;
        return queueFollowUp(tx, member.agencyId, member.enquiryId, 'nurture', `${member.id}:step-${step}`);
      }),
    );
  }
  await dispatchMessages(deps.queues, ids);
  return ids.filter(Boolean).length;
}
