import type { Queues } from '../../jobs/queues.ts';
import { enqueue } from '../../jobs/queues.ts';
import { sendMessage } from '../../jobs/send-message.job.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../shared/logger.ts';
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

/** How long a request waits for Redis to take its messages before leaving them to the relay. */
const DISPATCH_WAIT_MS = 3_000;

/**
 * Hands committed messages to the send job straight away. It never throws: the change that wrote
 * them has committed, so the user must not see an error (or wait minutes while the Redis client
 * retries) because Redis is away. Nothing is lost: the outbox relay finds queued messages every
 * minute, and a hand-off that completes later is ignored by the job id.
 */
export async function dispatchMessages(
  queues: Queues,
  ids: (string | undefined)[],
  logger?: Pick<Logger, 'warn'>,
) {
  const due = ids.filter((id): id is string => !!id);
  if (due.length === 0) return;
  const handedOver = Promise.all(
    due.map((id) => enqueue(queues, sendMessage, { messageId: id }, { jobId: `message-${id}` })),
  );
  handedOver.catch(() => undefined); // a late failure after the wait below is not an unhandled rejection
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), DISPATCH_WAIT_MS);
  });
  try {
    await Promise.race([handedOver, waited]);
  } catch (err) {
    // Counts and the error only: no addresses or names.
    logger?.warn(
      { messages: due.length, err: err instanceof Error ? err.message : String(err) },
      'messages left for the outbox relay',
    );
  } finally {
    clearTimeout(timer);
  }
}
