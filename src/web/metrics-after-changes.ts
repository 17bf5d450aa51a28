import type { RequestHandler } from 'express';
import type { Queues } from '../jobs/queues.ts';
import { queueMetricsCatchUp } from '../metrics/metrics-trigger.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * After any successful change (a form post or an API write), queue a catch-up. Database triggers
 * record which days changed; this only says "soon", so no route can forget it.
 */
export function metricsAfterChanges(queues: Queues, logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.once('finish', () => {
        if (res.statusCode < 400) queueMetricsCatchUp(queues, logger);
      });
    }
    next();
  };
}
