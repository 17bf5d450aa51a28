import { queueReferenceReminders } from '../src/references/reference-reminders.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every hour: reminders to referees who have not answered, 7 and 14 days after their link was sent
 * (reference-reminders.service.ts). Idempotent: a second run sends nothing more.
 */
export const referenceReminders = defineJob({
  name: 'reference-reminders',
  schedule: { pattern: '41 * * * *' },
  async handle(_payload, deps) {
    return `queued ${await queueReferenceReminders(deps)}`;
  },
});
