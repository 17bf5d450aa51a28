import { z } from 'zod';

/**
 * One queue per kind of work so that each can have its own concurrency and rate limit; metric
 * roll-ups have their own so a long recompute never holds up reminders or email.
 */
export const queueNames = ['default', 'mail', 'metrics'] as const;
export type QueueName = (typeof queueNames)[number];

/**
 * Every job's contract: its name, its queue and its payload schema (ids and flags only, never
 * personal data: Redis keeps payloads in clear text). Services enqueue a job by its name; the
 * handlers live in the root `jobs/` folder and call services, never the reverse.
 */
export const jobContracts = {
  'worker-check': { queue: 'default', payload: z.object({ checkId: z.uuid() }) },
  /** Sends due messages from the outbox in claimed batches; no payload (the outbox is the list). */
  'send-messages': { queue: 'mail', payload: z.object({}) },
  /** Before batching, one job per message: jobs still queued then are run as a 'send-messages'. */
  'send-message': { queue: 'mail', payload: z.object({ messageId: z.uuid() }) },
  'outbox-relay': { queue: 'default', payload: z.object({}) },
  'session-reminders': { queue: 'default', payload: z.object({}) },
  nudges: { queue: 'default', payload: z.object({}) },
  /** Daily, all agencies: the nurture pool's emails (issue 17 §6). */
  nurture: { queue: 'default', payload: z.object({}) },
  'exit-surveys': { queue: 'default', payload: z.object({}) },
  'send-mailing': { queue: 'default', payload: z.object({ mailingId: z.uuid() }) },
  /** A large tracker import's batch, written in chunks (issue 14 §5): its id only, never the file. */
  'import-batch': { queue: 'default', payload: z.object({ batchId: z.uuid() }) },
  'deadline-sweep': {
    queue: 'default',
    payload: z.object({
      /** One agency; all of them when absent (the scheduled run). */
      agencyId: z.uuid().optional(),
      /** Households per transaction. */
      batchSize: z.number().int().min(1).max(1000).optional(),
    }),
  },
  'metrics-recompute': {
    queue: 'metrics',
    payload: z.object({
      /** One agency; all of them when absent (the scheduled run). */
      agencyId: z.uuid().optional(),
    }),
  },
  'metrics-catch-up': { queue: 'metrics', payload: z.object({}) },
  /** Nightly, all agencies: the uploaded files of imports left unfinished for 30 days. */
  'import-files-purge': { queue: 'default', payload: z.object({}) },
  retention: {
    queue: 'default',
    payload: z.object({
      /** One agency; all of them when absent (the scheduled run). */
      agencyId: z.uuid().optional(),
    }),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type JobName = keyof typeof jobContracts;
export type JobPayload<N extends JobName> = z.output<(typeof jobContracts)[N]['payload']>;

/** How long-running work reports how far it has got (a percentage or counts), whoever runs it. */
export type Progress = (progress: number | object) => Promise<void>;
