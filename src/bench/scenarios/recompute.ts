import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { recomputeEverything } from '../../metrics/metrics.service.ts';
import type { BenchContext } from '../context.ts';
import { ratio, type DataSize, type ScenarioResult } from '../report.ts';
import { round } from '../stats.ts';

/** Issue 19: a full recompute within twice the least it could cost (the single pass below). */
const targetRatio = 2;
/** The absolute bar the scenario used before issue 19, kept as a note. */
const absoluteS = { postgres: 30, pglite: 180 };

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

class RolledBack extends Error {}

/**
 * What writing the roll-ups alone costs: every row of metric_counts deleted and the same rows
 * inserted again (from a temporary copy, so no grouping), as a rebuild does; rolled back.
 */
async function rewriteSeconds(db: Db) {
  let seconds = 0;
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`create temp table rewrite_copy on commit drop as select * from metric_counts`);
      const started = Date.now();
      await tx.execute(sql`delete from metric_counts`);
      await tx.execute(sql`insert into metric_counts select * from rewrite_copy`);
      seconds = (Date.now() - started) / 1000;
      throw new RolledBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  return seconds;
}

/**
 * (c) Every agency's roll-ups rebuilt in one transaction, as the nightly job and metrics:refresh do
 * (recomputeEverything), against one set-based pass; with what writing the rows alone costs, the
 * floor no rebuild that writes them can go under.
 */
export async function recomputeScenario(
  ctx: BenchContext,
  options: { data: DataSize },
): Promise<ScenarioResult> {
  const { db, database } = ctx.deps;
  const started = Date.now();
  const { agencies } = await recomputeEverything(db);
  const fullS = (Date.now() - started) / 1000;

  const passes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = Date.now();
    await rows(db, singlePass);
    passes.push((Date.now() - t) / 1000);
  }
  const singleS = passes.sort((a, b) => a - b)[1]!;
  const [written] = await rows<{ n: number }>(db, sql`select count(*)::int as n from metric_counts`);
  const writeS = await rewriteSeconds(db);
  const kind = database.kind;
  const measured = ratio(fullS, singleS);
  return {
    name: 'full-recompute',
    database: kind,
    headline: `${round(fullS, 2)} s for ${agencies} agencies`,
    figures: { durationS: round(fullS, 2), agencies, rowsWritten: written!.n, rewriteS: round(writeS, 2) },
    target: `≤ ${targetRatio}× a single set-based pass`,
    met: measured !== null && measured <= targetRatio,
    comparison: {
      what: 'one set-based GROUP BY pass',
      headline: `${round(singleS, 2)} s`,
      figures: { medianOf3S: round(singleS, 2) },
    },
    ratio: measured,
    ratioOf: 'recompute ÷ single pass',
    notes: [
      "one transaction under every agency's advisory lock; every council's measures in one statement each, then each hub's",
      "time in stage grouped on each event's stored previous_at (migration 0018) instead of a window over every history",
      `absolute: ${round(fullS, 2)} s against the former bar of < ${absoluteS[kind]} s (${fullS < absoluteS[kind] ? 'met' : 'missed'})`,
      `writing the ${written!.n.toLocaleString('en-GB')} grouped rows alone (delete and insert the same rows, rolled back) ` +
        `takes ${round(writeS, 2)} s, ${ratio(writeS, singleS)}× the single pass: no rebuild that writes them meets ${targetRatio}×`,
      'the single pass is one of the eight measures (moves); three of them (moves, cohort reached, time in stage) ' +
        'each cost about one such pass, and the roll-ups keep every day × stage × reason × route × source ' +
        '(time in stage: about one row per 1.7 events), so grouping cannot shrink what is written',
    ],
    data: options.data,
  };
}
