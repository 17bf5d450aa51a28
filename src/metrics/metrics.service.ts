import { agencyIds } from '../agencies/agencies.repo.ts';
import type { Db } from '../db/client.ts';
import { enqueue, type Queues } from '../jobs/queues.ts';
import { addDays, addMonths, type IsoDate } from '../calendar/dates.ts';
import {
  agenciesWithDirtyDays,
  analyzeRollUps,
  claimDirtyDays,
  findStatus,
  lockAgencyMetrics,
  pendingChanges,
  rebuildAll,
  rebuildRange,
  saveStatus,
  type DayRange,
} from './metrics.repo.ts';

export interface RefreshOutcome {
  agencyId: string;
  full: boolean;
  /** Days rebuilt by an incremental refresh (0 for a full one, or when nothing had changed). */
  days: number;
  durationMs: number;
}

/**
 * Brings one agency's roll-ups up to date in one transaction: everything (`full`), or only the
 * days changes have touched since the last refresh. A per-agency lock makes concurrent refreshes
 * take turns, so two at once can never count anything twice; readers keep seeing the previous
 * figures until the new ones commit.
 */
export async function refreshAgency(db: Db, agencyId: string, options: { full: boolean }) {
  const started = new Date();
  return db.transaction(async (tx): Promise<RefreshOutcome> => {
    await lockAgencyMetrics(tx, agencyId);
    // Taken after the lock: everything committed before this instant is in what we read next.
    const computedAt = new Date();
    let days = 0;
    if (options.full) {
      await rebuildAll(tx, agencyId);
    } else {
      const dirty = await claimDirtyDays(tx, agencyId);
      days = dirty.length;
      const ranges = contiguousRanges(dirty);
      for (const range of ranges) await rebuildRange(tx, agencyId, range, wholeMonths(range));
    }
    const durationMs = Date.now() - started.getTime();
    await saveStatus(tx, agencyId, { computedAt, full: options.full, durationMs });
    return { agencyId, full: options.full, days, durationMs };
  });
}

/**
 * Rebuilds every agency's roll-ups in one transaction (the nightly run and `metrics:refresh`): every
 * council's measures together, then each hub's, which counts its member councils' enquiries its own
 * way (count-scope.repo.ts). Every agency's lock is held, so no refresh of one runs meanwhile, and
 * readers keep the previous figures until it commits.
 */
export async function recomputeEverything(db: Db) {
  const started = Date.now();
  const outcome = await db.transaction(async (tx) => {
    const ids = await agencyIds(tx);
    await lockAgencyMetrics(tx, ids);
    const computedAt = new Date();
    await rebuildAll(tx, ids);
    const durationMs = Date.now() - started;
    for (const id of ids) await saveStatus(tx, id, { computedAt, full: true, durationMs });
    return { agencies: ids.length, durationMs };
  });
  await analyzeRollUps(db);
  return outcome;
}

/** Rebuilds one agency's roll-ups in full, or every agency's when none is given (the nightly run). */
export async function recomputeAgencies(db: Db, agencyId?: string) {
  if (!agencyId) return recomputeEverything(db);
  const { durationMs } = await refreshAgency(db, agencyId, { full: true });
  await analyzeRollUps(db);
  return { agencies: 1, durationMs };
}

/** Refreshes every agency with changes waiting. */
export async function refreshChanged(db: Db) {
  const outcomes: RefreshOutcome[] = [];
  for (const agencyId of await agenciesWithDirtyDays(db)) {
    outcomes.push(await refreshAgency(db, agencyId, { full: false }));
  }
  return outcomes;
}

export async function metricsStatus(db: Db, agencyId: string) {
  const status = await findStatus(db, agencyId);
  return {
    computedAt: status?.computedAt ?? null,
    fullComputedAt: status?.fullComputedAt ?? null,
    lastDurationMs: status?.lastDurationMs ?? null,
    pendingChanges: await pendingChanges(db, agencyId),
  };
}

/** Sorted days → runs of consecutive days, each as [from, to). */
export function contiguousRanges(days: readonly IsoDate[]): DayRange[] {
  const ranges: DayRange[] = [];
  for (const day of [...new Set(days)].sort()) {
    const last = ranges.at(-1);
    if (last && last.to === day) last.to = addDays(day, 1);
    else ranges.push({ from: day, to: addDays(day, 1) });
  }
  return ranges;
}

/** The whole calendar months a range of days touches. */
export function wholeMonths(range: DayRange): DayRange {
  const first = `${range.from.slice(0, 7)}-01`;
  const lastDay = addDays(range.to, -1);
  return { from: first, to: addMonths(`${lastDay.slice(0, 7)}-01`, 1) };
}

/** Queues a full recompute of one agency; asked again while one runs, another follows it. */
export async function requestRecompute(queues: Queues, agencyId: string) {
  const job = await enqueue(
    queues,
    'metrics-recompute',
    { agencyId },
    { deduplication: { id: `metrics-recompute-${agencyId}`, keepLastIfActive: true } },
  );
  return { jobId: job.id! };
}

/**
 * Whether a refresh is running or waiting for a worker (metric jobs have a queue of their own).
 * Delayed jobs are not counted: the next scheduled catch-up is always waiting its turn.
 */
export async function metricsRunning(queues: Queues) {
  const counts = await queues.get('metrics').getJobCounts('active', 'waiting', 'prioritized');
  return Object.values(counts).some((n) => n > 0);
}
