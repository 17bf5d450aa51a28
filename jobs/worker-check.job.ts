import { completeWorkerCheck } from '../src/system/system.service.ts';
import { defineJob } from './define-job.ts';

/** The administrator's "is the worker running?" check: proves the queue → worker → database path. */
export const workerCheck = defineJob({
  name: 'worker-check',
  async handle({ checkId }, deps) {
    const completed = await completeWorkerCheck(deps.db, checkId);
    return completed ? 'done' : 'skipped';
  },
});
