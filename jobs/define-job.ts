import type { z } from 'zod';
import type { AppDeps } from '../src/deps.ts';
import {
  jobContracts,
  type JobName,
  type JobPayload,
  type Progress,
  type QueueName,
} from '../src/jobs/contracts.ts';

/** What a handler is told about its run, without knowing BullMQ (built in processor.ts). */
export interface JobRun {
  progress: Progress;
  /** No retry follows this attempt if it fails. */
  lastAttempt: boolean;
}

export interface JobDefinition<P = unknown> {
  name: string;
  queue: QueueName;
  /** The payload schema: ids and flags only, never personal data. */
  payload: z.ZodType<P>;
  /**
   * Run on a timetable as well as on demand: a cron `pattern` in Europe/London time (so 06:30 stays
   * 06:30 across the clock changes) or `every` so many milliseconds. Scheduled runs get the payload
   * `{}`, which the schema must accept. Upserted as a BullMQ job scheduler whenever a worker starts.
   */
  schedule?: { every?: number; pattern?: string };
  /** Re-reads state and does the work; returns a short outcome such as 'done' or 'skipped'. */
  handle(payload: P, deps: AppDeps, run: JobRun): Promise<string>;
}

/** A job's handler for the contract of the same name (src/jobs/contracts.ts). */
export const defineJob = <N extends JobName>(definition: {
  name: N;
  schedule?: JobDefinition['schedule'];
  handle(payload: JobPayload<N>, deps: AppDeps, run: JobRun): Promise<string>;
}): JobDefinition<JobPayload<N>> =>
  ({ ...jobContracts[definition.name], ...definition }) as unknown as JobDefinition<JobPayload<N>>;
