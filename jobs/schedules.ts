import type { JobDefinition } from './define-job.ts';
import { queueNames, type Queues } from '../src/jobs/queues.ts';
import { jobs as registeredJobs } from './registry.ts';

export const SCHEDULE_TIME_ZONE = 'Europe/London';

/**
 * Creates or updates one BullMQ job scheduler per scheduled job (its id is the job's name), so
 * every worker that starts brings the timetable up to date; upserting is idempotent, so replicas
 * starting together agree. Schedulers left behind by a job that is no longer scheduled, or no
 * longer exists, are removed so they stop producing jobs.
 */
export async function scheduleJobs(queues: Queues, jobs: readonly JobDefinition<never>[] = registeredJobs) {
  const scheduled: string[] = [];
  for (const job of jobs) {
    if (!job.schedule) continue;
    const { every, pattern } = job.schedule;
    if ((every === undefined) === (pattern === undefined)) {
      throw new Error(`Job "${job.name}": a schedule needs either a pattern or every, not both or neither`);
    }
    const data = job.payload.parse({}); // a scheduled run's payload; throws if the schema cannot take it
    await queues
      .get(job.queue)
      .upsertJobScheduler(job.name, pattern ? { pattern, tz: SCHEDULE_TIME_ZONE } : { every }, {
        name: job.name,
        data,
      });
    scheduled.push(job.name);
  }
  const known = new Set(jobs.map((job) => job.name));
  for (const name of queueNames) {
    const queue = queues.get(name);
    for (const scheduler of await queue.getJobSchedulers()) {
      const unscheduled = known.has(scheduler.key) && !scheduled.includes(scheduler.key);
      if (unscheduled || !known.has(scheduler.name)) await queue.removeJobScheduler(scheduler.key);
    }
  }
  return scheduled;
}
