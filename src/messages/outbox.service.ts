import type { Queues } from '../../jobs/queues.ts';
import { enqueue } from '../../jobs/queues.ts';
import { sendMessage } from '../../jobs/send-message.job.ts';
import type { Db } from '../db/client.ts';
import { insertMessageOnce } from './messages.repo.ts';

export interface NewMessage {
  agencyId: string;
  enquiryId: string;
  personId: string;
  to: string;
  trigger: string;
  purpose: 'service' | 'follow_up' | 'marketing';
  /** Unique per agency: the same key never produces a second message. */
  idempotencyKey: string;
  subject: string;
  text: string;
  html: string;
  /** The email template version the words came from; null or absent for built-in wording. */
  templateVersionId?: string | null;
  sendAfter?: Date;
}

/** Writes a message to the outbox, inside the caller's transaction. Returns its id, or undefined if it already existed. */
export async function queueMessage(db: Db, message: NewMessage) {
  return insertMessageOnce(db, {
    agencyId: message.agencyId,
    enquiryId: message.enquiryId,
    personId: message.personId,
    toAddress: message.to,
    trigger: message.trigger,
    purpose: message.purpose,
    idempotencyKey: message.idempotencyKey,
    subject: message.subject,
    bodyText: message.text,
    bodyHtml: message.html,
    templateVersionId: message.templateVersionId ?? null,
    sendAfter: message.sendAfter ?? new Date(),
  });
}

/**
 * Hands committed messages to the send job straight away. If Redis is unreachable nothing is
 * lost: the outbox relay finds queued messages every minute.
 */
export async function dispatchMessages(queues: Queues, ids: (string | undefined)[]) {
  for (const id of ids) {
    if (id) await enqueue(queues, sendMessage, { messageId: id }, { jobId: `message-${id}` });
  }
}
