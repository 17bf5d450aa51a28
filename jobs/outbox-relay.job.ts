import { z } from 'zod';
import { dueMessageIds } from '../src/messages/messages.repo.ts';
import { dispatchMessages } from '../src/messages/outbox.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every minute: hands every due, queued message to the send job. This is what sends reminders
 * written for later, and anything whose first hand-off was lost (Redis down, a crash after commit).
 * The send job's id is the message id, so a message already waiting is not added twice.
 */
export const outboxRelay = defineJob({
  name: 'outbox-relay',
  queue: 'default',
  payload: z.object({}),
  schedule: { every: 60_000 },
  async handle(_payload, deps) {
    const ids = await dueMessageIds(deps.db, new Date());
    await dispatchMessages(deps.queues, ids);
    return `dispatched ${ids.length}`;
  },
});
