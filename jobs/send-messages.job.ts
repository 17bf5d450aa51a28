import { sendDueMessages } from '../src/messages/delivery.service.ts';
import { scheduleNextSend } from '../src/messages/outbox.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Sends due messages from the outbox in claimed batches (delivery.service.ts sendDueMessages), then
 * asks for the next run: now if more is due, later for a retry or when the quota refills.
 */
export const sendMessages = defineJob({
  name: 'send-messages',
  async handle(_payload, deps) {
    const run = await sendDueMessages(deps);
    await scheduleNextSend(deps.queues, run.next);
    return `sent ${run.sent}, suppressed ${run.suppressed}, failed ${run.failed}, retrying ${run.retrying}`;
  },
});
