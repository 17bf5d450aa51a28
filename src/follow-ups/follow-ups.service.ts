import { getAgencyCached } from '../agencies/agencies.repo.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { queueSessionReminders } from '../events/bookings.service.ts';
import { bookingsDueReminder } from '../events/events.repo.ts';
import { nextSessionStart } from '../events/next-session.repo.ts';
import { assignedOfficerName } from '../enquiries/enquiries.repo.ts';
import { bookingContact } from '../households/households.repo.ts';
import { dispatchMessages, writeMessage, type NewMessage } from '../messages/outbox.service.ts';
import type { Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { formatDate } from '../shared/format.ts';
import type { TemplateKey } from '../templates/defaults.ts';
import { render, type PlaceholderValues } from '../templates/render.ts';
import { currentTemplate } from '../templates/templates.service.ts';
import { allFollowUpSettings, loadFollowUpSettings, type FollowUpSettings } from './follow-up-settings.ts';
import { quietEnquiries } from './follow-ups.repo.ts';

const HOUR = 3600_000;

/**
 * Writes a follow-up email for a household to the outbox, in the agency's words, if the first
 * applicant gave an email address. Call inside the transaction of the change that caused it.
 * Returns the message's id, or undefined when none was written.
 */
export async function queueFollowUp(
  db: Db,
  agencyId: string,
  enquiryId: string,
  key: TemplateKey,
  occasion: string,
  extra: PlaceholderValues = {},
) {
  return (await writeFollowUp(db, { agencyId, enquiryId, key, occasion, extra }))?.id;
}

/**
 * What the caller already knows about the household, so the email needs no query for it (a new
 * enquiry has just written both): the first applicant (by position) with an email address, or
 * null when none has one; the assigned officer's name (name undefined: none assigned; officer
 * undefined: not known, read it).
 */
export interface KnownRecipient {
  contact: { personId: string; firstName: string; email: string | null } | null;
  officer: { name: string | undefined } | undefined;
}

const NEXT_SESSION = /\(\(next_session_date\b/;

interface FollowUp {
  agencyId: string;
  enquiryId: string;
  key: TemplateKey;
  occasion: string;
  extra?: PlaceholderValues;
  known?: KnownRecipient;
}

/** queueFollowUp, returning the message written ({ id, subject, createdAt }) or undefined. */
export async function writeFollowUp(db: Db, email: FollowUp) {
  const message = await composeFollowUp(db, email);
  const written = message && (await writeMessage(db, message));
  return written && { ...written, subject: message.subject };
}

/**
 * The follow-up email in the agency's words, ready for the outbox, or undefined when the household
 * gave no email address. `known` saves the recipient and officer queries; the agency and the
 * template come from the per-process cache, and the next session is looked up only when the
 * template mentions it.
 */
export async function composeFollowUp(db: Db, email: FollowUp): Promise<NewMessage | undefined> {
  const { agencyId, enquiryId, key, known } = email;
  const contact = known ? known.contact : await bookingContact(db, agencyId, enquiryId);
  if (!contact?.email) return undefined;
  // One after another: `db` is usually a transaction, whose single connection takes one query at a time.
  const agency = await getAgencyCached(db, agencyId);
  const officer = known?.officer ? known.officer.name : await assignedOfficerName(db, agencyId, enquiryId);
  const template = await currentTemplate(db, agencyId, key, true);
  const nextStart = NEXT_SESSION.test(template.subject + template.body)
    ? await nextSessionStart(db, agencyId, new Date())
    : undefined;
  const rendered = render(template.subject, template.body, {
    first_name: contact.firstName,
    agency_name: agency?.name,
    officer_name: officer,
    next_session_date: nextStart ? formatDate(nextStart) : undefined,
    ...email.extra,
  });
  return {
    agencyId,
    enquiryId,
    personId: contact.personId,
    to: contact.email,
    trigger: key,
    purpose: 'follow_up',
    idempotencyKey: `${key}:${enquiryId}:${email.occasion}`,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    templateVersionId: template.versionId,
  };
}

/**
 * The nudge sequence: for every new enquiry quiet for the agency's check-in days (by default 7, 30
 * and 90), the check-in for the longest step reached, once (the key names the step). Agencies that
 * switched nudges off get none. The sequence stops by itself: an enquiry that moves on, closes or
 * has a contact attempt is no longer quiet, and an unsubscribed person is suppressed at sending.
 */
export async function queueNudges(deps: Pick<AppDeps, 'db' | 'queues'>, now = new Date()) {
  const settings = await allFollowUpSettings(deps.db);
  const inUse = settings.all().filter((s) => s.nudges);
  if (!inUse.length) return 0;
  const quiet = await quietEnquiries(deps.db, now, Math.min(...inUse.map((s) => s.nudgeDays[0])));
  const ids: (string | undefined)[] = [];
  for (const enquiry of quiet) {
    const agency = settings.get(enquiry.agencyId);
    if (!agency.nudges) continue;
    const step = [...agency.nudgeDays].reverse().find((days) => enquiry.quietDays >= days);
    // Quiet for longer than the step plus a fortnight: that step is past; don't send it late.
    if (step === undefined || enquiry.quietDays > step + 14) continue;
    ids.push(
      await deps.db.transaction((tx) =>
        queueFollowUp(tx, enquiry.agencyId, enquiry.enquiryId, 'nudge', `day-${step}`),
      ),
    );
  }
  await dispatchMessages(deps.queues, ids);
  return ids.filter(Boolean).length;
}

/** The emails a move to a stage sends, and the setting that switches each off. */
/** "We wanted to let you know that …" for each stage an officer may tell a household about. */
const stageUpdateWords: Record<Stage, string> = {
  enquiry: 'we have reopened your enquiry',
  initial_visit: 'we have recorded our visit to your home',
  application: 'we have received your application',
  assessment: 'your assessment has started',
  panel: 'your assessment is going to the fostering panel',
  approved: 'you have been approved as a foster carer. Congratulations',
  deregistered: 'your approval as a foster carer has ended',
  closed: 'we have closed your enquiry for now. You are welcome to get in touch again at any time',
};

const stageEmails: Partial<
  Record<Stage, { key: TemplateKey; setting: 'afterInitialVisit' | 'applicationReceived' }>
> = {
  initial_visit: { key: 'after_initial_visit', setting: 'afterInitialVisit' },
  application: { key: 'application_received', setting: 'applicationReceived' },
};

/**
 * The email for a household that has just moved to `to` (after the initial visit, application
 * received), if the agency sends it. Called by transition() inside its transaction, so `tx` is the
 * transaction handle. Keyed by the stage event's time: a retried move never writes it twice, and a
 * household that closes, reopens and is visited again gets it again. Demo households get nothing.
 */
export async function queueStageFollowUp(
  tx: Db,
  actor: Actor,
  enquiry: { id: string; createdVia: string },
  to: Stage,
  at: Date,
  notifyHousehold = false,
) {
  if (enquiry.createdVia === 'demo' || actor.label === 'demo data') return undefined;
  const email = stageEmails[to];
  if (email) {
    const settings = await loadFollowUpSettings(tx, actor.agencyId);
    if (settings[email.setting])
      return queueFollowUp(tx, actor.agencyId, enquiry.id, email.key, at.toISOString());
  }
  // Any other move the officer chose to tell the household about.
  if (notifyHousehold && !email)
    return queueFollowUp(tx, actor.agencyId, enquiry.id, 'stage_update', at.toISOString(), {
      stage: stageUpdateWords[to],
    });
  return undefined;
}

export interface DueReminder {
  bookingId: string;
  agencyId: string;
  startsAt: Date;
  /**
   * Which reminder: '2d' is the first and '2h' the second, whatever hours the agency chose. The
   * names are those of the original fixed reminders, so idempotency keys stay as they were and
   * changing the timing never sends a reminder a second time.
   */
  window: '2d' | '2h';
}

/**
 * Reminders due now, by each agency's settings (by default 48 and 2 hours before): places booked
 * before the reminder was due, at sessions starting within that many hours. The first reminder
 * goes only while more time remains than the second's, so nobody gets both at once.
 */
export async function dueSessionReminders(db: Db, now = new Date()): Promise<DueReminder[]> {
  const settings = await allFollowUpSettings(db);
  const inUse = settings.all().filter((s) => s.sessionReminders);
  const windows = new Set(inUse.flatMap((s) => [s.firstReminderHours, s.secondReminderHours]));
  const due: DueReminder[] = [];
  for (const hours of windows) {
    for (const booking of await bookingsDueReminder(db, now, hours * HOUR)) {
      const agency: FollowUpSettings = settings.get(booking.agencyId);
      if (!agency.sessionReminders || !booking.startsAt) continue;
      const { bookingId, agencyId, startsAt } = booking;
      const remaining = startsAt.getTime() - now.getTime();
      if (agency.firstReminderHours === hours && remaining > agency.secondReminderHours * HOUR) {
        due.push({ bookingId, agencyId, startsAt, window: '2d' });
      }
      if (agency.secondReminderHours === hours) due.push({ bookingId, agencyId, startsAt, window: '2h' });
    }
  }
  return due;
}

/**
 * The reminders before sessions now due, at the hours each agency chose on the follow-up emails
 * page (by default 2 days and 2 hours before). Idempotent: each reminder has its own key.
 */
export async function remindDueSessions(deps: Pick<AppDeps, 'db' | 'queues'>) {
  return queueSessionReminders(deps, await dueSessionReminders(deps.db));
}
