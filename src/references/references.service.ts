/**
 * References online (issue 18 §2; docs/assessment.md "References online"): the officer sends a
 * referee their own link to a short form; the referee answers without an account; the item
 * becomes received. The link is an HMAC of the item and the moment it was sent, under the
 * service's signing secret (so it cannot be guessed or forged); only its SHA-256 is stored (a copy
 * of the database gives no usable link); it works once, for REFERENCE_LINK_VALID_DAYS days.
 */
import { createHmac } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import { addDays, londonDate, londonToday } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { getAgency } from '../agencies/agencies.repo.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import { dispatchMessages, queueMessage } from '../messages/outbox.service.ts';
import { signingSecret } from '../messages/unsubscribe.service.ts';
import { systemActor, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import { sha256 } from '../shared/tokens.ts';
import { parse } from '../shared/validation.ts';
import { renderTemplate } from '../templates/templates.service.ts';
import type { TemplateKey } from '../templates/defaults.ts';
import {
  DECLARATION,
  REFERENCE_LINK_VALID_DAYS,
  referenceStages,
  type ReferenceLinkState,
} from './reference-rules.ts';
import {
  applicantNamesOf,
  findReferenceByTokenHash,
  lockReferenceItem,
  recordLinkSent,
  recordSubmission,
} from './references.repo.ts';
import { ReferenceAnswers } from './references.schema.ts';

const DAY = 86_400_000;

/** The link's token for an item sent at `sentAt`: the same every time it is worked out (reminders carry it again). */
export async function referenceToken(db: Db, checkId: string, sentAt: Date) {
  return createHmac('sha256', await signingSecret(db))
    .update(`reference:${checkId}:${sentAt.getTime()}`)
    .digest('base64url');
}

export const referenceUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/reference/${token}`;

/** "Sam Jones and Alex Jones": the one thing a referee is told about the household. */
export async function applicantNames(db: Db, agencyId: string, householdId: string) {
  const names = await applicantNamesOf(db, agencyId, householdId);
  return names.map((n) => `${n.firstName} ${n.lastName}`.trim()).join(' and ');
}

/**
 * Writes the email with the link (a request or a reminder) to the outbox, inside the caller's
 * transaction. The key names the item, the link and the occasion, so the same email is never
 * written twice. Returns the message id (undefined if it already existed).
 */
export async function queueReferenceEmail(
  db: Db,
  publicUrl: string,
  item: {
    id: string;
    agencyId: string;
    enquiryId: string;
    householdId: string;
    refereeName: string | null;
    refereeEmail: string;
  },
  link: { sentAt: Date; expiresAt: Date },
  occasion: { key: TemplateKey; suffix: string },
) {
  const token = await referenceToken(db, item.id, link.sentAt);
  const agency = await getAgency(db, item.agencyId);
  const email = await renderTemplate(db, item.agencyId, occasion.key, {
    referee_name: item.refereeName,
    applicant_names: await applicantNames(db, item.agencyId, item.householdId),
    agency_name: agency?.name,
    reference_link: { text: '', url: referenceUrl(publicUrl, token) },
    // The last whole day the link works.
    link_expires_on: formatDate(addDays(londonDate(link.expiresAt), -1)),
  });
  return queueMessage(db, {
    agencyId: item.agencyId,
    enquiryId: item.enquiryId,
    // Not a person of the household: no unsubscribe line, and the household's opt-out does not apply.
    personId: null,
    to: item.refereeEmail,
    trigger: occasion.key,
    purpose: 'service',
    idempotencyKey: `${occasion.key}:${item.id}:${link.sentAt.getTime()}${occasion.suffix}`,
    subject: email.subject,
    text: email.text,
    html: email.html,
    templateVersionId: email.templateVersionId,
  });
}

/**
 * The officer sends (or sends again) a referee's link. The item must be a reference with an email
 * address, of a household from application to panel, not yet answered or received. Sending again
 * makes a new link (the old one stops working) and restarts the reminders. An item not yet asked
 * for becomes requested today. Errors: `not_found`; `conflict` (no email address, already
 * answered or received, or marked not needed); `invalid_transition` (household not being assessed).
 */
export async function writeReferenceRequest(
  db: Db,
  publicUrl: string,
  actor: Actor,
  target: { enquiryId: string; checkId: string },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const item = await lockReferenceItem(tx, actor.agencyId, target.enquiryId, target.checkId);
    if (!item || !item.refereeKind) throw notFound('Reference');
    const enquiry = await findEnquiry(tx, actor.agencyId, target.enquiryId);
    if (!enquiry || !(referenceStages as readonly string[]).includes(enquiry.stage))
      throw new AppError(
        'invalid_transition',
        'References are asked for from the application until the panel.',
      );
    if (!item.refereeEmail)
      throw new AppError('conflict', 'Add the referee’s email address before sending the form.');
    if (item.submittedAt || item.receivedOn)
      throw new AppError('conflict', 'This reference has already been received.');
    if (item.outcome === 'not_needed') throw new AppError('conflict', 'This reference is marked not needed.');
    // Whole seconds: the moment is part of the token and must read back from the database the same.
    const sentAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const expiresAt = new Date(sentAt.getTime() + REFERENCE_LINK_VALID_DAYS * DAY);
    const token = await referenceToken(tx, item.id, sentAt);
    await recordLinkSent(tx, item.id, {
      tokenHash: sha256(token),
      sentAt,
      expiresAt,
      requestedOn: item.status === 'not_requested' ? londonToday(now) : null,
    });
    const messageId = await queueReferenceEmail(
      tx,
      publicUrl,
      { ...item, householdId: enquiry.householdId, refereeEmail: item.refereeEmail },
      { sentAt, expiresAt },
      { key: 'reference_request', suffix: '' },
    );
    await recordAudit(tx, actor, {
      action: item.linkSentAt ? 'reference.link_resent' : 'reference.link_sent',
      entityType: 'assessment_check',
      entityId: item.id,
    });
    return messageId;
  });
}

/** As writeReferenceRequest, then the email handed to the send job (the outbox relay catches it otherwise). */
export async function sendReferenceRequest(
  deps: Pick<AppDeps, 'db' | 'queues' | 'config'>,
  actor: Actor,
  enquiryId: string,
  checkId: string,
  now = new Date(),
) {
  const messageId = await writeReferenceRequest(
    deps.db,
    deps.config.PUBLIC_URL,
    actor,
    { enquiryId, checkId },
    now,
  );
  await dispatchMessages(deps.queues, [messageId]);
  return messageId;
}

/** The item behind a link, with why it cannot be used (if so), at `now`. Tampered or unknown: `invalid`. */
export async function referenceLink(db: Db, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: 'invalid' as const, item: undefined };
  const item = await findReferenceByTokenHash(db, sha256(token));
  if (!item) return { state: 'invalid' as const, item: undefined };
  const state: ReferenceLinkState = item.submittedAt
    ? 'submitted'
    : item.receivedOn ||
        item.outcome === 'not_needed' ||
        !(referenceStages as readonly string[]).includes(item.enquiryStage)
      ? 'withdrawn'
      : !item.tokenExpiresAt || item.tokenExpiresAt <= now
        ? 'expired'
        : 'open';
  return { state, item };
}

/** What the form shows: the applicants' names and the service's name, nothing else about the household. */
export async function referenceFormContext(db: Db, item: { agencyId: string; householdId: string }) {
  const agency = await getAgency(db, item.agencyId);
  return {
    applicantNames: await applicantNames(db, item.agencyId, item.householdId),
    agencyName: agency?.name ?? '',
  };
}

/**
 * Stores a referee's answers through their link: `saved`, or why nothing was stored (the link's
 * state). Bad input is a `validation` error (422, field messages), checked after the link so a
 * dead link is never told its answers were wrong. The audit log records that a reference arrived,
 * never what it says.
 */
export async function submitReference(db: Db, token: string, raw: unknown, now = new Date()) {
  const { state, item } = await referenceLink(db, token, now);
  if (state !== 'open') return state;
  if (!item) return 'invalid' as const;
  const answers = parse(ReferenceAnswers, raw);
  const saved = await db.transaction(async (tx) => {
    const row = await recordSubmission(tx, item.id, sha256(token), {
      answers: { ...answers, declaration: DECLARATION, declaredAt: now.toISOString() },
      now,
      receivedOn: londonToday(now),
    });
    if (row) {
      await recordAudit(tx, systemActor(item.agencyId, 'reference link'), {
        action: 'reference.submitted',
        entityType: 'assessment_check',
        entityId: item.id,
      });
    }
    return row;
  });
  if (saved) return 'saved' as const;
  const { state: after } = await referenceLink(db, token, now);
  return after === 'open' ? ('submitted' as const) : after;
}
