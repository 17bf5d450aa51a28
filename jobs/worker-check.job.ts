import { z } from 'zod';
import { completeWorkerCheck } from '../src/system/system.repo.ts';
import { defineJob } from './define-job.ts';

/** The administrator's "is the worker running?" check: proves the queue → worker → database path. */
export const workerCheck = defineJob({
  name: 'worker-check',
  queue: 'default',
  payload: z.object({ checkId: z.uuid() }),
  async handle({ checkId }, deps) {
    const completed = await completeWorkerCheck(deps.db, checkId);
    return completed ? 'done' : 'skipped';
  },
});
