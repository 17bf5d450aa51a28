import type { JobDefinition } from './define-job.ts';
import { workerCheck } from './worker-check.job.ts';

/** Every job the worker knows, by name. */
export const jobs: JobDefinition<never>[] = [workerCheck] as JobDefinition<never>[];

export const jobsByName = new Map(jobs.map((job) => [job.name, job]));
