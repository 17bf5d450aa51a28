import { queueNurtureEmails } from '../src/nurture/nurture-emails.ts';
import { defineJob } from './define-job.ts';

/** Every morning: the nurture pool's gentle emails to households not ready yet (issue 17 §6). */
export const nurture = defineJob({
  name: 'nurture',
  schedule: { pattern: '30 10 * * *' },
  async handle(_payload, deps) {
    return `queued ${await queueNurtureEmails(deps)}`;
  },
});
