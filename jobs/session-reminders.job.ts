import { z } from 'zod';
import { queueSessionReminders } from '../src/events/bookings.service.ts';
import { dueSessionReminders } from '../src/follow-ups/follow-ups.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every quarter of an hour: the reminders before sessions, at the hours each agency chose on the
 * follow-up emails page (by default 2 days and 2 hours before). Idempotent: each reminder has its
 * own key.
 */
export const sessionReminders = defineJob({
  name: 'session-reminders',
  queue: 'default',
  payload: z.object({}),
  schedule: { pattern: '*/15 * * * *' },
  async handle(_payload, deps) {
    const queued = await queueSessionReminders(deps, await dueSessionReminders(deps.db));
    return `queued ${queued}`;
  },
});
