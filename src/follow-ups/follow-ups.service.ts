import { getAgency } from '../agencies/agencies.repo.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { bookableSessions, bookingContact } from '../events/events.repo.ts';
import { dispatchMessages, queueMessage } from '../messages/outbox.service.ts';
import { formatDate } from '../shared/format.ts';
import type { TemplateKey } from '../templates/defaults.ts';
import { assignedOfficerName } from '../templates/templates.repo.ts';
import { renderTemplate } from '../templates/templates.service.ts';
import { quietEnquiries } from './follow-ups.repo.ts';

/** Days of silence after which a new enquirer gets a friendly check-in: each step once. */
export const NUDGE_DAYS = [7, 30, 90] as const;

/**
 * Writes a follow-up email for a household to the outbox, in the agency's words, if the first
 * applicant gave an email address. Call inside the transaction of the change that caused it.
 */
export async function queueFollowUp(
  db: Db,
  agencyId: string,
  enquiryId: string,
  key: TemplateKey,
  occasion: string,
) {
  const contact = await bookingContact(db, agencyId, enquiryId);
  if (!contact?.email) return undefined;
  const [agency, officer, [next]] = await Promise.all([
    getAgency(db, agencyId),
    assignedOfficerName(db, agencyId, enquiryId),
    bookableSessions(db, agencyId, new Date(), 1),
  ]);
  const email = await renderTemplate(db, agencyId, key, {
    first_name: contact.firstName,
    agency_name: agency?.name,
    officer_name: officer,
    next_session_date: next?.startsAt ? formatDate(next.startsAt) : undefined,
  });
  return queueMessage(db, {
    agencyId,
    enquiryId,
    personId: contact.personId,
    to: contact.email,
    trigger: key,
    purpose: 'follow_up',
    idempotencyKey: `${key}:${enquiryId}:${occasion}`,
    subject: email.subject,
    text: email.text,
    html: email.html,
    templateVersionId: email.templateVersionId,
  });
}

/**
 * The nudge sequence: for every new enquiry quiet for 7, 30 or 90 days, the check-in for the
 * longest step reached, once (the key names the step). The sequence stops by itself: an enquiry
 * that moves on, closes or has a contact attempt is no longer quiet, and an unsubscribed person
 * is suppressed at sending.
 */
export async function queueNudges(deps: Pick<AppDeps, 'db' | 'queues'>, now = new Date()) {
  const quiet = await quietEnquiries(deps.db, now, NUDGE_DAYS[0]);
  const ids: (string | undefined)[] = [];
  for (const enquiry of quiet) {
    const step = [...NUDGE_DAYS].reverse().find((days) => enquiry.quietDays >= days)!;
    // Quiet for longer than the last step plus a fortnight: the sequence is over; don't start it late.
    if (enquiry.quietDays > step + 14) continue;
    ids.push(
      await deps.db.transaction((tx) =>
        queueFollowUp(tx, enquiry.agencyId, enquiry.enquiryId, 'nudge', `day-${step}`),
      ),
    );
  }
  await dispatchMessages(deps.queues, ids);
  return ids.filter(Boolean).length;
}
