import { sendMessages } from './send-messages.job.ts';
import { defineJob } from './define-job.ts';

/**
 * A one-message send job as queued before sending was batched (an upgrade can find some in Redis):
 * its message is in the outbox like any other, so it runs as a 'send-messages'.
 */
export const sendMessage = defineJob({
  name: 'send-message',
  async handle(_payload, deps, run) {
    return sendMessages.handle({}, deps, run);
  },
});
