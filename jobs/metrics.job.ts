import { recomputeAgencies, refreshChanged } from '../src/metrics/metrics.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every night (and on demand from the reports pages, the API and the CLI): every roll-up rebuilt
 * from the raw rows, so even a change that slipped past the triggers (a hand edit in SQL) is
 * counted by morning.
 */
export const metricsRecompute = defineJob({
  name: 'metrics-recompute',
  schedule: { pattern: '30 2 * * *' },
  async handle({ agencyId }, deps) {
    const { agencies, durationMs } = await recomputeAgencies(deps.db, agencyId);
    return `${agencies} agencies recomputed in ${durationMs} ms`;
  },
});

/**
 * Soon after changes: the days they touched, rebuilt. Queued a second or so after any change (see
 * metrics-trigger.ts) and every minute as a safety net; quick when nothing has changed.
 */
export const metricsCatchUp = defineJob({
  name: 'metrics-catch-up',
  schedule: { every: 60_000 },
  async handle(_payload, deps) {
    const outcomes = await refreshChanged(deps.db);
    const days = outcomes.reduce((sum, o) => sum + o.days, 0);
    return `${outcomes.length} agencies, ${days} days rebuilt`;
  },
});
