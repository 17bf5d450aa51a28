/**
 * Reminders to referees who have not answered (issue 18 §2): 7 and 14 days after the link was sent
 * (REMINDER_DAYS), by the `reference-reminders` sweep. Idempotent: each reminder is marked on the
 * item in the same transaction as its email is written, guarded in the write, and the email's key
 * names the item, the link and the reminder, so running the sweep twice (or two workers at once)
 * sends nothing twice. Nothing is sent once the reference is received, the link has expired, or
 * the household has left assessment.
 */
import { londonToday } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import { dispatchMessages } from '../messages/outbox.service.ts';
import { REFERENCE_LINK_VALID_DAYS, REMINDER_DAYS, referenceStages, reminderDue } from './reference-rules.ts';
import { markReminderSent, reminderCandidates } from './references.repo.ts';
import { queueReferenceEmail } from './references.service.ts';

const DAY = 86_400_000;

/** Writes the reminders due at `now` to the outbox. Returns the new messages' ids. */
export async function writeReferenceReminders(db: Db, publicUrl: string, now = new Date()) {
  const candidates = await reminderCandidates(db, now, REMINDER_DAYS[0], referenceStages);
  const ids: string[] = [];
  for (const c of candidates) {
    const days = Math.floor((now.getTime() - c.linkSentAt.getTime()) / DAY);
    const n = reminderDue(days, { first: c.firstSent, second: c.secondSent });
    if (!n) continue;
    const id = await db.transaction(async (tx) => {
      const marked = await markReminderSent(tx, c.id, n, {
        now,
        today: londonToday(now),
        linkSentAt: c.linkSentAt,
      });
      if (!marked?.refereeEmail) return undefined;
      const enquiry = await findEnquiry(tx, c.agencyId, c.enquiryId);
      if (!enquiry) return undefined;
      return queueReferenceEmail(
        tx,
        publicUrl,
        {
          ...c,
          householdId: enquiry.householdId,
          refereeName: marked.refereeName,
          refereeEmail: marked.refereeEmail,
        },
        {
          sentAt: c.linkSentAt,
          expiresAt: new Date(c.linkSentAt.getTime() + REFERENCE_LINK_VALID_DAYS * DAY),
        },
        { key: 'reference_reminder', suffix: `:${REMINDER_DAYS[n - 1]}` },
      );
    });
    if (id) ids.push(id);
  }
  return ids;
}

/** The sweep, then the new emails handed to the send job (the outbox relay catches any left). */
export async function queueReferenceReminders(
  deps: Pick<AppDeps, 'db' | 'queues' | 'config'>,
  now = new Date(),
) {
  const ids = await writeReferenceReminders(deps.db, deps.config.PUBLIC_URL, now);
  await dispatchMessages(deps.queues, ids);
  return ids.length;
}
