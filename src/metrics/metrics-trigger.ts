import { enqueue, type Queues } from '../jobs/queues.ts';
import type { Logger } from '../shared/logger.ts';

const BUCKET_MS = 1_000;
/** The last second queued for, per set of queues: changes in the same second need no second add. */
const lastBucket = new WeakMap<Queues, number>();

/**
 * Asks for the roll-ups to catch up a moment after a change has committed. Every change in the same
 * second maps to the same job id, so a burst of changes makes one job, run just after the second
 * ends: figures are never more than about a second and a half behind, and never starved by a
 * steady stream of changes. Never throws: the change itself has already been saved, and the
 * every-minute catch-up covers a Redis outage.
 */
export function queueMetricsCatchUp(queues: Queues, logger?: Pick<Logger, 'warn'>, now = Date.now()) {
  const bucket = Math.floor(now / BUCKET_MS);
  if (lastBucket.get(queues) === bucket) return;
  lastBucket.set(queues, bucket);
  const delay = (bucket + 1) * BUCKET_MS - now + 200;
  enqueue(queues, 'metrics-catch-up', {}, { jobId: `metrics-catch-up-${bucket}`, delay }).catch(
    (err: unknown) =>
      logger?.warn({ err: err instanceof Error ? err.message : err }, 'could not queue a metrics catch-up'),
  );
}
