import { z } from 'zod';
import { agencyIds } from '../src/deadlines/deadlines.repo.ts';
import { sweepAgency } from '../src/deadlines/deadlines.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every morning (and on demand): for each agency, a task for each overdue or due-soon deadline and
 * the tasks of deadlines since met marked done. Idempotent, so a retry after a crash half-way
 * through, or two sweeps at once, create nothing twice.
 */
export const deadlineSweep = defineJob({
  name: 'deadline-sweep',
  queue: 'default',
  payload: z.object({
    /** One agency; all of them when absent (the scheduled run). */
    agencyId: z.uuid().optional(),
    /** Households per transaction. */
    batchSize: z.number().int().min(1).max(1000).optional(),
  }),
  // 06:30 London time, every day: tasks are waiting when the team starts work.
  schedule: { pattern: '30 6 * * *' },
  async handle({ agencyId, batchSize }, deps, job) {
    const now = new Date();
    const ids = agencyId ? [agencyId] : await agencyIds(deps.db);
    const total = { agencies: 0, households: 0, created: 0, closed: 0 };
    for (const id of ids) {
      const result = await sweepAgency(deps.db, id, {
        now,
        batchSize,
        onBatch: (progress) =>
          job.updateProgress({
            ...total,
            agencies: total.agencies,
            households: total.households + progress.households,
          }),
      });
      total.agencies += 1;
      total.households += result.households;
      total.created += result.created;
      total.closed += result.closed;
    }
    return `${total.agencies} agencies, ${total.households} households: ${total.created} tasks created, ${total.closed} done`;
  },
});
