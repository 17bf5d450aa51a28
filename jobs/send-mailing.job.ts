import { sendMailing as writeMailingEmails } from '../src/mailings/mailings.service.ts';
import { defineJob } from './define-job.ts';

/** Writes a marketing mailing's emails to the outbox in batches, reporting progress. */
export const sendMailing = defineJob({
  name: 'send-mailing',
  async handle({ mailingId }, deps, run) {
    const written = await writeMailingEmails(deps, mailingId, run.progress);
    return written === undefined ? 'skipped' : `written ${written}`;
  },
});
