import { queueNudges } from '../src/follow-ups/follow-ups.service.ts';
import { defineJob } from './define-job.ts';

/** Every morning: check-in emails to new enquirers who have gone quiet (by default 7, 30 and 90 days). */
export const nudges = defineJob({
  name: 'nudges',
  schedule: { pattern: '0 10 * * *' },
  async handle(_payload, deps) {
    return `queued ${await queueNudges(deps)}`;
  },
});
