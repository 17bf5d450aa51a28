import type { AppDeps } from '../src/deps.ts';
import { startWorkers, type Workers } from './processor.ts';
import { scheduleJobs } from './schedules.ts';

/** The workers alone, without the timetable: for the bench, which schedules nothing. */
export { startWorkers, type Workers };

/**
 * Starts the job worker in this process: one BullMQ worker per queue, then the scheduled jobs
 * (deadline sweeps …) on their Europe/London timetable; a bad schedule stops start-up.
 */
export async function startWorker(deps: AppDeps): Promise<Workers> {
  const workers = startWorkers(deps);
  await scheduleJobs(deps.queues).catch(async (err: unknown) => {
    await workers.close();
    throw err;
  });
  return workers;
}
