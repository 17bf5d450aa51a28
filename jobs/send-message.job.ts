import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { suppressionReason, withUnsubscribe } from '../src/messages/delivery-policy.ts';
import { claimMessage, markMessage, recipientPermissions } from '../src/messages/messages.repo.ts';
import { unsubscribeUrl } from '../src/messages/unsubscribe.service.ts';
import { isPermanentFailure, mailerFor } from '../src/messages/mailer.ts';
import { defineJob } from './define-job.ts';
import { defaultJobOptions } from './queues.ts';

/**
 * Sends one message from the outbox. The claim (queued → sending) lets only one run send it. A
 * temporary failure puts it back to queued for BullMQ's retry with backoff; a permanent one (a
 * refused address) fails at once with UnrecoverableError, so a bad address never causes a retry storm.
 */
const withoutAddresses = (text: string) => text.replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]').slice(0, 300);

export const sendMessage = defineJob({
  name: 'send-message',
  queue: 'mail',
  payload: z.object({ messageId: z.uuid() }),
  async handle({ messageId }, deps, job) {
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
      const lastAttempt =
        permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? defaultJobOptions.attempts ?? 1);
      await markMessage(deps.db, message.id, {
        status: lastAttempt ? 'failed' : 'queued',
        lastError: err instanceof Error ? err.message.slice(0, 500) : 'Unknown error',
      });
      // What BullMQ stores and the log prints must not carry an address the server echoed back.
      const reason = withoutAddresses(err instanceof Error ? err.message : 'Unknown error');
      throw permanent ? new UnrecoverableError(reason) : new Error(reason);
    }
  },
});
