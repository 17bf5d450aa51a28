import { z } from 'zod';
import { findMailingById } from '../src/mailings/mailings.repo.ts';
import { writeMailing } from '../src/mailings/mailings.service.ts';
import { defineJob } from './define-job.ts';

/** Writes a marketing mailing's emails to the outbox in batches, reporting progress. */
export const sendMailing = defineJob({
  name: 'send-mailing',
  queue: 'default',
  payload: z.object({ mailingId: z.uuid() }),
  async handle({ mailingId }, deps, job) {
    const mailing = await findMailingById(deps.db, mailingId);
    if (!mailing || mailing.status === 'draft') return 'skipped';
    return `written ${await writeMailing(deps, mailing, job)}`;
  },
});
