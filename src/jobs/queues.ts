import { Queue, type JobsOptions } from 'bullmq';
import { jobContracts, queueNames, type JobName, type JobPayload, type QueueName } from './contracts.ts';

export { queueNames, type QueueName };

/** Retries, backoff and clean-up, set once for every job. */
export const defaultJobOptions: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

export interface Queues {
  prefix: string;
  connection: { url: string };
  get(name: QueueName): Queue;
  close(): Promise<void>;
}

export function createQueues(redisUrl: string, prefix = 'crm'): Queues {
  const connection = { url: redisUrl };
  const queues = new Map<QueueName, Queue>();
  for (const name of queueNames) {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions });
    queue.on('error', () => undefined); // connection errors surface through /healthz
    queues.set(name, queue);
  }
  return {
    prefix,
    connection,
    get: (name) => queues.get(name)!,
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

/**
 * Adds a job by name after validating its payload against the job's contract (ids only: Redis
 * keeps payloads in clear text). Call it after the transaction that caused the job has committed.
 * A `jobId` makes the add idempotent: BullMQ ignores a second job with the same id.
 */
export async function enqueue<N extends JobName>(
  queues: Queues,
  name: N,
  payload: JobPayload<N>,
  options: Pick<JobsOptions, 'jobId' | 'delay' | 'deduplication' | 'priority'> = {},
) {
  const contract = jobContracts[name];
  const data = contract.payload.parse(payload);
  return queues.get(contract.queue).add(name, data, options);
}
