import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import type { NextSend } from './delivery.service.ts';
import { enqueue, type Queues } from '../jobs/queues.ts';
import type { Logger } from '../shared/logger.ts';
import { dueMessageIds, failInterruptedMessages, insertMessageOnce } from './messages.repo.ts';

export interface NewMessage {
  agencyId: string;
  enquiryId: string;
  /** Null for someone outside the household (a referee): no unsubscribe line, no household opt-out. */
  personId: string | null;
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
  return (await writeMessage(db, message))?.id;
}

/** queueMessage, returning { id, createdAt } of the message written, or undefined if it already existed. */
export async function writeMessage(db: Db, message: NewMessage) {
  return insertMessageOnce(db, messageRow(message));
}

/**
 * The outbox row writeMessage writes, for a caller that writes it with others in one statement
 * (db/insert-together.ts, ON CONFLICT (agency_id, idempotency_key) DO NOTHING as here). `made`
 * gives the id and creation time when the caller needs them without reading them back.
 */
export function messageRow(message: NewMessage, made?: { id: string; createdAt: Date }) {
  return {
    ...(made ? { id: made.id, createdAt: made.createdAt } : {}),
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
    sendAfter: message.sendAfter ?? made?.createdAt ?? new Date(),
  };
}

/** How long a request waits for Redis to take its messages before leaving them to the relay. */
const DISPATCH_WAIT_MS = 3_000;

/**
 * Wakes the send job. One id for every wake-up: while a run waits, another add changes nothing;
 * while one runs, one more follows it (keepLastIfActive), so a message committed after the running
 * job's last claim is never left waiting for the relay.
 */
const wakeSender = (queues: Queues, delay?: number) =>
  enqueue(
    queues,
    'send-messages',
    {},
    delay
      ? { jobId: `send-messages-at-${Math.ceil((Date.now() + delay) / 1000)}`, delay }
      : { deduplication: { id: 'send-messages', keepLastIfActive: true } },
  );

/**
 * Hands committed messages to the send job straight away. It never throws: the change that wrote
 * them has committed, so the user must not see an error (or wait minutes while the Redis client
 * retries) because Redis is away. Nothing is lost: the outbox relay finds queued messages every
 * minute. The job payload is empty: the job claims whatever is due from the outbox.
 */
export async function dispatchMessages(
  queues: Queues,
  ids: (string | undefined)[],
  logger?: Pick<Logger, 'warn'>,
) {
  const due = ids.filter((id): id is string => !!id);
  if (due.length === 0) return;
  const handedOver = wakeSender(queues);
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

/** Waits longer than this are left to the relay, which runs every minute. */
const LONGEST_WAKE_MS = 60_000;

/**
 * After a send run: run again now when more is due, or wake when the next retry falls due or the
 * quota has refilled (a reminder due next week is the relay's).
 */
export async function scheduleNextSend(queues: Queues, next: NextSend) {
  if (next.kind === 'idle') return;
  const delay = next.kind === 'more' ? 0 : Math.max(0, next.at.getTime() - Date.now());
  if (delay > LONGEST_WAKE_MS) return;
  await wakeSender(queues, delay > 0 ? delay : undefined);
}

/** Far longer than any send can take (nodemailer gives up on a silent server after 10 minutes). */
const INTERRUPTED_AFTER_MS = 30 * 60_000;

/**
 * Hands every due, queued message to the send job. This is what sends reminders written for
 * later, and anything whose first hand-off was lost (Redis down, a crash after commit): one wake-up
 * of the send job, which claims them in batches. A message still
 * "sending" long after it was claimed lost its worker mid-send: it is marked failed for someone to
 * check, never resent (the server may have accepted it already).
 */
export async function relayOutbox(deps: Pick<AppDeps, 'db' | 'queues' | 'logger'>) {
  const interrupted = await failInterruptedMessages(deps.db, new Date(Date.now() - INTERRUPTED_AFTER_MS));
  const ids = await dueMessageIds(deps.db, new Date());
  await dispatchMessages(deps.queues, ids, deps.logger);
  return { dispatched: ids.length, interrupted };
}
