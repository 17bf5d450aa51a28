import { UnrecoverableError, Worker, type WorkerOptions } from 'bullmq';
import type { AppDeps } from '../src/deps.ts';
import { defaultJobOptions, queueNames, type QueueName } from '../src/jobs/queues.ts';
import type { JobRun } from './define-job.ts';
import { jobsByName } from './registry.ts';
import { scrubError } from '../src/shared/logger.ts';

export interface Workers {
  workers: Worker[];
  close(): Promise<void>;
}

// One mail job at a time: it sends batches itself, as many at once as the transport takes.
const concurrency: Record<QueueName, number> = { default: 4, mail: 1, metrics: 1 };

/**
 * Starts one BullMQ worker per queue, dispatching each job to its handler by name. `options` is for
 * tests that need a dead worker's jobs noticed quickly (lockDuration, stalledInterval).
 */
export function startWorkers(
  deps: AppDeps,
  options: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval'> = {},
): Workers {
  const workers = queueNames.map((name) => {
    const worker = new Worker(
      name,
      async (job) => {
        const definition = jobsByName.get(job.name);
        if (!definition) throw new UnrecoverableError(`No handler for job "${job.name}"`);
        const payload = definition.payload.safeParse(job.data);
        if (!payload.success) throw new UnrecoverableError(`Invalid payload for job "${job.name}"`);
        // A failed query's parameters must not be stored in Redis as the job's failure reason.
        const run: JobRun = {
          progress: (progress) => job.updateProgress(progress),
          lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? defaultJobOptions.attempts ?? 1),
        };
        const outcome = await definition
          .handle(payload.data as never, deps, run)
          .catch((err: unknown) => Promise.reject(scrubError(err)));
        deps.logger.debug({ job: job.name, jobId: job.id, outcome }, 'job finished');
        return outcome;
      },
      {
        connection: { ...deps.queues.connection, maxRetriesPerRequest: null },
        prefix: deps.queues.prefix,
        concurrency: concurrency[name],
        ...options,
      },
    );
    worker.on('failed', (job, err) =>
      deps.logger.warn(
        { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
    worker.on('error', (err) => deps.logger.error({ err: err.message }, 'worker error'));
    return worker;
  });
  return {
    workers,
    // close() waits for jobs in progress to finish, so a SIGTERM never cuts a job in half.
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
