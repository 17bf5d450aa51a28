import { z } from 'zod';
import { agencyIds } from '../src/deadlines/deadlines.repo.ts';
import { refreshAgency, refreshChanged } from '../src/metrics/metrics.service.ts';
import { defineJob } from './define-job.ts';

/**
 * Every night (and on demand from the reports pages, the API and the CLI): every roll-up rebuilt
 * from the raw rows, so even a change that slipped past the triggers (a hand edit in SQL) is
 * counted by morning.
 */
export const metricsRecompute = defineJob({
  name: 'metrics-recompute',
  queue: 'metrics',
  payload: z.object({
    /** One agency; all of them when absent (the scheduled run). */
    agencyId: z.uuid().optional(),
  }),
  schedule: { pattern: '30 2 * * *' },
  async handle({ agencyId }, deps) {
    const ids = agencyId ? [agencyId] : await agencyIds(deps.db);
    let ms = 0;
    for (const id of ids) ms += (await refreshAgency(deps.db, id, { full: true })).durationMs;
    return `${ids.length} agencies recomputed in ${ms} ms`;
  },
});

/**
 * Soon after changes: the days they touched, rebuilt. Queued a second or so after any change (see
 * metrics-trigger.ts) and every minute as a safety net; quick when nothing has changed.
 */
export const metricsCatchUp = defineJob({
  name: 'metrics-catch-up',
  queue: 'metrics',
  payload: z.object({}),
  schedule: { every: 60_000 },
  async handle(_payload, deps) {
    const outcomes = await refreshChanged(deps.db);
    const days = outcomes.reduce((sum, o) => sum + o.days, 0);
    return `${outcomes.length} agencies, ${days} days rebuilt`;
  },
});
