import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { emailOptedOut } from '../households/households.repo.ts';
import { latestConsent } from '../privacy/consents.repo.ts';
import { suppressionReason, withUnsubscribe } from './delivery-policy.ts';
import { isPermanentFailure, mailerFor } from './mailer.ts';
import { claimMessage, markMessage, type MessageRow } from './messages.repo.ts';
import { unsubscribeUrl } from './unsubscribe.service.ts';

/** A send that failed; `permanent` (a refused address) means trying again cannot help. */
export class DeliveryFailed extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'DeliveryFailed';
    this.permanent = permanent;
  }
}

/**
 * Whether the person has unsubscribed (under this record or another with the same email address,
 * compared by its identity key), and their latest answer about marketing email.
 */
export async function recipientPermissions(db: Db, message: Pick<MessageRow, 'agencyId' | 'personId'>) {
  if (!message.personId) return { optedOut: false, emailConsent: null };
  const optedOut = await emailOptedOut(db, message.agencyId, message.personId);
  return { optedOut, emailConsent: await latestConsent(db, message.personId, 'email') };
}

const withoutAddresses = (text: string) => text.replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]').slice(0, 300);

/**
 * Sends one message from the outbox. The claim (queued → sending) lets only one run send it. A
 * temporary failure puts it back to queued for a retry (unless `lastAttempt`); a permanent one (a
 * refused address) marks it failed at once. Either way it throws DeliveryFailed, whose message
 * carries no address the server echoed back.
 */
export async function deliverMessage(
  deps: Pick<AppDeps, 'db' | 'config'>,
  messageId: string,
  options: { lastAttempt: boolean },
): Promise<'skipped' | 'suppressed' | 'sent' | 'kept'> {
  const message = await claimMessage(deps.db, messageId, new Date());
  if (!message) return 'skipped';
  const suppressed = suppressionReason(message.purpose, await recipientPermissions(deps.db, message));
  if (suppressed) {
    await markMessage(deps.db, message.id, { status: 'suppressed', lastError: suppressed });
    return 'suppressed';
  }
  try {
    const plain = { text: message.bodyText, html: message.bodyHtml };
    const body = message.personId
      ? withUnsubscribe(plain, await unsubscribeUrl(deps.db, deps.config.PUBLIC_URL, message.personId))
      : plain;
    const providerId = await mailerFor(deps.config).send({
      to: message.toAddress,
      subject: message.subject,
      ...body,
      messageId: message.id,
    });
    await markMessage(deps.db, message.id, {
      status: 'sent',
      sentAt: new Date(),
      providerMessageId: providerId,
    });
    return providerId === 'kept' ? 'kept' : 'sent';
  } catch (err) {
    const permanent = isPermanentFailure(err);
    const lastAttempt = permanent || options.lastAttempt;
    await markMessage(deps.db, message.id, {
      status: lastAttempt ? 'failed' : 'queued',
      lastError: err instanceof Error ? err.message.slice(0, 500) : 'Unknown error',
    });
    // What BullMQ stores and the log prints must not carry an address the server echoed back.
    throw new DeliveryFailed(
      withoutAddresses(err instanceof Error ? err.message : 'Unknown error'),
      permanent,
    );
  }
}
