import { sql } from 'drizzle-orm';
import { agencyIds } from '../../agencies/agencies.repo.ts';
import { rows } from '../../db/rows.ts';
import { refreshAgency } from '../../metrics/metrics.service.ts';
import type { BenchContext } from '../context.ts';
import { ratio, type DataSize, type ScenarioResult } from '../report.ts';
import { round } from '../stats.ts';

const targetS = { postgres: 30, pglite: 180 };

/**
 * The least a full recompute could cost: one pass over every stage event joined to its enquiry,
 * grouped as the 'moves' roll-up is, for all agencies at once (counted in SQL, nothing sent back).
 */
const singlePass = sql`
  select count(*)::int as groups from (
    select e.agency_id, (e.at at time zone 'Europe/London')::date, e.stage, coalesce(e.from_stage, ''),
           coalesce(e.reason, ''), q.route, count(*)
    from stage_events e join enquiries q on q.id = e.enquiry_id
    group by 1, 2, 3, 4, 5, 6
  ) t`;

/** (c) refreshAgency(…, { full: true }) for every agency, one after another, as metrics:refresh does. */
export async function recomputeScenario(
  ctx: BenchContext,
  options: { data: DataSize },
): Promise<ScenarioResult> {
  const { db, database } = ctx.deps;
  const ids = await agencyIds(db);
  const perAgency: number[] = [];
  const started = Date.now();
  for (const id of ids) perAgency.push((await refreshAgency(db, id, { full: true })).durationMs);
  const fullS = (Date.now() - started) / 1000;

  const passes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = Date.now();
    await rows(db, singlePass);
    passes.push((Date.now() - t) / 1000);
  }
  const singleS = passes.sort((a, b) => a - b)[1]!;
  const kind = database.kind;
  return {
    name: 'full-recompute',
    database: kind,
    headline: `${round(fullS, 2)} s for ${ids.length} agencies`,
    figures: {
      durationS: round(fullS, 2),
      agencies: ids.length,
      slowestAgencyS: round(Math.max(...perAgency) / 1000, 2),
      hubS: round((perAgency[ids.indexOf(options.data.hubId)] ?? 0) / 1000, 2),
    },
    target: `< ${targetS[kind]} s`,
    met: fullS < targetS[kind],
    comparison: {
      what: 'one set-based GROUP BY pass',
      headline: `${round(singleS, 2)} s`,
      figures: { medianOf3S: round(singleS, 2) },
    },
    ratio: ratio(fullS, singleS),
    ratioOf: 'recompute ÷ single pass',
    notes: ['each agency in its own transaction, under its advisory lock, as the nightly job does'],
    data: options.data,
  };
}
