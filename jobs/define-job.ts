import type { Job } from 'bullmq';
import type { z } from 'zod';
import type { AppDeps } from '../src/deps.ts';
import type { QueueName } from './queues.ts';

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
  handle(payload: P, deps: AppDeps, job: Job): Promise<string>;
}

export const defineJob = <P>(definition: JobDefinition<P>) => definition;
