import { UnrecoverableError } from 'bullmq';
import { DeliveryFailed, deliverMessage } from '../src/messages/delivery.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Sends one message from the outbox (delivery.service.ts). A temporary failure is retried by
 * BullMQ with backoff; a permanent one (a refused address) fails at once with UnrecoverableError,
 * so a bad address never causes a retry storm.
 */
export const sendMessage = defineJob({
  name: 'send-message',
  async handle({ messageId }, deps, run) {
    try {
      return await deliverMessage(deps, messageId, { lastAttempt: run.lastAttempt });
    } catch (err) {
      if (!(err instanceof DeliveryFailed)) throw err;
      throw err.permanent ? new UnrecoverableError(err.message) : new Error(err.message);
    }
  },
});
