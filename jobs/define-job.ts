import type { Job } from 'bullmq';
import type { z } from 'zod';
import type { AppDeps } from '../src/deps.ts';
import type { QueueName } from './queues.ts';

export interface JobDefinition<P = unknown> {
  name: string;
  queue: QueueName;
  /** The payload schema: ids and flags only, never personal data. */
  payload: z.ZodType<P>;
  /** Re-reads state and does the work; returns a short outcome such as 'done' or 'skipped'. */
  handle(payload: P, deps: AppDeps, job: Job): Promise<string>;
}

export const defineJob = <P>(definition: JobDefinition<P>) => definition;
