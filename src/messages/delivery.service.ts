import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { emailOptedOutAmong } from '../households/households.repo.ts';
import { latestConsentsOf } from '../privacy/consents.repo.ts';
import { retryDelayMs, MAX_SEND_ATTEMPTS, suppressionReason, withUnsubscribe } from './delivery-policy.ts';
import { isPermanentFailure, mailerFor, type Mailer } from './mailer.ts';
import {
  claimDueMessages,
  markResults,
  nextDueAt,
  type MessageResult,
  type MessageRow,
} from './messages.repo.ts';
import { sendingQuota } from './sending-quota.ts';
import { unsubscribeUrl } from './unsubscribe.service.ts';

type Recipient = Pick<MessageRow, 'agencyId' | 'personId'>;

/**
 * For a batch of messages: whether each person has unsubscribed (under this record or another with
 * the same email address, compared by its identity key), and their latest answer about marketing
 * email. Two queries however many messages.
 */
export async function recipientPermissionsOf(db: Db, batch: Recipient[]) {
  const withPerson = batch.filter((m): m is Recipient & { personId: string } => !!m.personId);
  const optedOut = await emailOptedOutAmong(db, withPerson);
  const consents = await latestConsentsOf(db, [...new Set(withPerson.map((m) => m.personId))], 'email');
  return (m: Recipient) =>
    m.personId
      ? { optedOut: optedOut.has(m.personId), emailConsent: consents.get(m.personId) ?? null }
      : { optedOut: false, emailConsent: null };
}

/** The same for one message (see recipientPermissionsOf). */
export async function recipientPermissions(db: Db, message: Recipient) {
  return (await recipientPermissionsOf(db, [message]))(message);
}

/** The most one claim takes, however fast the transport: bounds a batch's memory and statement size. */
export const MAX_BATCH = 500;
/** A run hands the queue back after this long, so a shutdown or another job never waits long for it. */
const RUN_BUDGET_MS = 5_000;

export interface SendTotals {
  sent: number;
  suppressed: number;
  failed: number;
  retrying: number;
}

/** What to do after a run: nothing, run again now (more is due), or wake at a time (a retry, the quota). */
export type NextSend = { kind: 'idle' } | { kind: 'more' } | { kind: 'at'; at: Date };

const withoutAddresses = (text: string) => text.replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]').slice(0, 300);

/** Sends one claimed message; never throws: every ending is a result to record. */
async function deliver(
  deps: Pick<AppDeps, 'db' | 'config'>,
  mailer: Mailer,
  message: MessageRow,
  permissions: { optedOut: boolean; emailConsent: boolean | null },
): Promise<MessageResult> {
  const suppressed = suppressionReason(message.purpose, permissions);
  if (suppressed) return { id: message.id, status: 'suppressed', lastError: suppressed };
  try {
    const plain = { text: message.bodyText, html: message.bodyHtml };
    const body = message.personId
      ? withUnsubscribe(plain, await unsubscribeUrl(deps.db, deps.config.PUBLIC_URL, message.personId))
      : plain;
    const providerMessageId = await mailer.send({
      to: message.toAddress,
      subject: message.subject,
      ...body,
      messageId: message.id,
    });
    return { id: message.id, status: 'sent', sentAt: new Date(), providerMessageId };
  } catch (err) {
    // A refused address (permanent) fails at once; a busy server is retried with backoff.
    const giveUp = isPermanentFailure(err) || message.attempts >= MAX_SEND_ATTEMPTS;
    const lastError = err instanceof Error ? err.message.slice(0, 500) : 'Unknown error';
    return giveUp
      ? { id: message.id, status: 'failed', lastError }
      : {
          id: message.id,
          status: 'queued',
          lastError,
          sendAfter: new Date(Date.now() + retryDelayMs(message.attempts)),
        };
  }
}

/**
 * Sends due messages from the outbox, a claimed batch at a time: take that many sends from the
 * provider's quota (counted in messages, across every worker), claim up to that many due messages
 * in one statement (queued → sending), check who may be emailed for the whole batch, send each, and
 * record every result in one statement. A batch is as large as the transport has messages in
 * flight at once (the SMTP pool's connections), so a worker that dies mid-run leaves at most that
 * many "sending" — the ones the server may already hold, marked interrupted by the relay, never
 * resent — while the rest are still queued for the next run. Returns the totals and what next.
 */
export async function sendDueMessages(
  deps: Pick<AppDeps, 'db' | 'config' | 'redis' | 'queues' | 'logger'>,
  options: { budgetMs?: number } = {},
): Promise<SendTotals & { next: NextSend }> {
  const mailer = mailerFor(deps.config);
  const quota = sendingQuota(deps);
  const totals: SendTotals = { sent: 0, suppressed: 0, failed: 0, retrying: 0 };
  const started = Date.now();
  for (;;) {
    const wanted = Math.min(mailer.concurrency, MAX_BATCH);
    const { granted, waitMs } = await quota.take(wanted);
    if (granted === 0) return { ...totals, next: { kind: 'at', at: new Date(Date.now() + waitMs) } };
    const claimed = await claimDueMessages(deps.db, granted, new Date());
    if (claimed.length < granted) await quota.giveBack(granted - claimed.length);
    if (claimed.length > 0) {
      const permissionsOf = await recipientPermissionsOf(deps.db, claimed);
      const results = await Promise.all(claimed.map((m) => deliver(deps, mailer, m, permissionsOf(m))));
      await markResults(deps.db, results);
      for (const r of results) {
        if (r.status === 'queued') totals.retrying += 1;
        else totals[r.status] += 1;
      }
      const failed = results.filter((r) => r.status === 'failed' || r.status === 'queued');
      // Counts and scrubbed errors only: no addresses or names.
      if (failed.length)
        deps.logger.warn(
          { failed: failed.length, err: withoutAddresses(failed[0]!.lastError ?? '') },
          'messages not delivered',
        );
    }
    if (claimed.length < granted) break; // nothing more is due now
    if (Date.now() - started > (options.budgetMs ?? RUN_BUDGET_MS))
      return { ...totals, next: { kind: 'more' } };
  }
  const due = await nextDueAt(deps.db);
  return { ...totals, next: due ? { kind: 'at', at: due } : { kind: 'idle' } };
}
