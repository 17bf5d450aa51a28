import { z } from 'zod';
import { dueMessageIds, failInterruptedMessages } from '../src/messages/messages.repo.ts';
import { dispatchMessages } from '../src/messages/outbox.service.ts';
import { defineJob } from './define-job.ts';

/** Far longer than any send can take (nodemailer gives up on a silent server after 10 minutes). */
const INTERRUPTED_AFTER_MS = 30 * 60_000;

/**
 * Every minute: hands every due, queued message to the send job. This is what sends reminders
 * written for later, and anything whose first hand-off was lost (Redis down, a crash after commit).
 * The send job's id is the message id, so a message already waiting is not added twice.
 * A message still "sending" long after it was claimed lost its worker mid-send: it is marked failed
 * for someone to check, never resent (the server may have accepted it already).
 */

export const outboxRelay = defineJob({
  name: 'outbox-relay',
  queue: 'default',
  payload: z.object({}),
  schedule: { every: 60_000 },
  async handle(_payload, deps) {
    const interrupted = await failInterruptedMessages(deps.db, new Date(Date.now() - INTERRUPTED_AFTER_MS));
    const ids = await dueMessageIds(deps.db, new Date());
    await dispatchMessages(deps.queues, ids, deps.logger);
    return `dispatched ${ids.length}${interrupted ? `, ${interrupted} interrupted marked failed` : ''}`;
  },
});
