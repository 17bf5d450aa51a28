import { sweepAgencies } from '../src/deadlines/deadlines.service.ts';
import { timeOutHandoffs } from '../src/handoffs/handoff-sweep.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every morning (and on demand): for each agency, a task for each overdue or due-soon deadline and
 * the tasks of deadlines since met marked done. Idempotent, so a retry after a crash half-way
 * through, or two sweeps at once, create nothing twice. Then hub offers left unanswered past their
 * grace are marked timed out (src/handoffs/handoff-clock.ts), whichever agency the run is for.
 */
export const deadlineSweep = defineJob({
  name: 'deadline-sweep',
  // 06:30 London time, every day: tasks are waiting when the team starts work.
  schedule: { pattern: '30 6 * * *' },
  async handle({ agencyId, batchSize }, deps, run) {
    const now = new Date();
    const total = await sweepAgencies(deps.db, { agencyId, batchSize, now, onProgress: run.progress });
    const timedOut = await timeOutHandoffs(deps.db, now);
    return `${total.agencies} agencies, ${total.households} households: ${total.created} tasks created, ${total.closed} done; ${timedOut} hand-offs timed out`;
  },
});
