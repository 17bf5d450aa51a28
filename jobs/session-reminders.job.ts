import { remindDueSessions } from '../src/follow-ups/follow-ups.service.ts';
import { defineJob } from './define-job.ts';

/** Every quarter of an hour: the reminders before sessions (follow-ups.service.ts remindDueSessions). */
export const sessionReminders = defineJob({
  name: 'session-reminders',
  schedule: { pattern: '*/15 * * * *' },
  async handle(_payload, deps) {
    return `queued ${await remindDueSessions(deps)}`;
  },
});
