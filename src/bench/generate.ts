import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { recomputeEverything } from '../metrics/metrics.service.ts';
import { addDays, londonToday } from '../calendar/dates.ts';
import { AppError } from '../shared/errors.ts';
import { HISTORY_DAYS, planTableSql, type PlanSettings } from './generate-plan.ts';
import {
  agenciesSql,
  campaignsSql,
  enquiriesSql,
  householdsSql,
  peopleSql,
  sessionsSql,
  stageEventsSql,
} from './generate-rows.ts';
import { randomFunctions } from './sql-text.ts';

export interface GenerateOptions {
  enquiries: number;
  agencies: number;
  seed: number;
  now?: Date;
  log?: (line: string) => void;
}

export interface GenerateOutcome {
  agencyIds: string[];
  counts: Record<string, number>;
  loadMs: number;
  vacuumMs: number;
  rollUpMs: number;
}

const affected = (result: unknown) => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
};

/**
 * Loads a believable synthetic history (generate-plan.ts) with set-based SQL in one transaction.
 * The metric triggers are switched off for the load (session_replication_role = replica, which also
 * skips foreign-key checks: every id is generated consistently), so the roll-ups are then rebuilt
 * once, in full, per agency, instead of millions of dirty-day rows being written and replayed.
 */
export async function generateBenchData(
  database: Database,
  options: GenerateOptions,
): Promise<GenerateOutcome> {
  const log = options.log ?? (() => undefined);
  const { db } = database;
  const now = options.now ?? new Date();
  const settings: PlanSettings = {
    enquiries: options.enquiries,
    agencies: options.agencies,
    start: addDays(londonToday(now), -HISTORY_DAYS),
    now,
  };
  const slug = `bench-${options.seed}-1`;
  if ((await rows(db, sql`select 1 from agencies where slug = ${slug}`)).length) {
    throw new AppError(
      'conflict',
      `This database already has bench data with seed ${options.seed}; use another --seed.`,
    );
  }

  const counts: Record<string, number> = {};
  const started = Date.now();
  await db.transaction(async (tx) => {
    const run = async (name: string, text: string) => {
      const t = Date.now();
      const n = affected(await tx.execute(sql.raw(text)));
      if (!name) return; // a setting or a helper function
      counts[name] = n;
      log(`  ${name.padEnd(16)} ${String(n).padStart(9)} rows  ${((Date.now() - t) / 1000).toFixed(1)} s`);
    };
    await run('', 'set local session_replication_role = replica');
    await run('', `set local temp_buffers = '${database.kind === 'postgres' ? '1GB' : '128MB'}'`);
    await run('', `set local work_mem = '${database.kind === 'postgres' ? '256MB' : '64MB'}'`);
    for (const fn of randomFunctions(options.seed)) await run('', fn);
    await run('plan', planTableSql(settings));
    await run('agencies', agenciesSql(settings, options.seed));
    const rebuildIndexes = await dropSecondaryIndexes(tx, bulkTables);
    await run('households', householdsSql());
    await run('people', peopleSql());
    await run('enquiries', enquiriesSql(now));
    await run('stage_events', stageEventsSql(now));
    const t = Date.now();
    await rebuildIndexes();
    log(`  indexes rebuilt                        ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const [campaigns, costs] = campaignsSql(settings);
    await run('campaigns', campaigns!);
    await run('campaign_costs', costs!);
    const [sessions, bookings] = sessionsSql(settings);
    await run('sessions', sessions!);
    await run('bookings', bookings!);
  });
  const loadMs = Date.now() - started;
  log(
    `Loaded in ${(loadMs / 1000).toFixed(1)} s with the metric triggers off (session_replication_role = replica).`,
  );

  // Fresh tables: gather statistics (and set hint bits) once, as autovacuum soon would.
  const vacuumStarted = Date.now();
  for (const table of ['households', 'people', 'enquiries', 'stage_events', 'events', 'event_bookings']) {
    await db.execute(sql.raw(`vacuum analyze ${table}`));
  }
  const vacuumMs = Date.now() - vacuumStarted;
  log(`Vacuumed and analysed in ${(vacuumMs / 1000).toFixed(1)} s.`);

  const agencyIds = await benchAgencyIds(db, options.seed);
  log(
    `Rebuilding the roll-ups in full for ${agencyIds.length} agencies (the triggers were off during the load)…`,
  );
  const rollUpStarted = Date.now();
  await recomputeEverything(db);
  const rollUpMs = Date.now() - rollUpStarted;
  log(`Roll-ups rebuilt in ${(rollUpMs / 1000).toFixed(1)} s.`);
  return { agencyIds, counts, loadMs, vacuumMs, rollUpMs };
}

/** The big tables: building their indexes once after the load is far quicker than row by row. */
const bulkTables = ['households', 'people', 'enquiries', 'stage_events'];

/**
 * Drops the tables' plain indexes (primary keys and unique constraints stay) and returns a function
 * that creates them again from their saved definitions. All inside the load's transaction, so other
 * sessions never see the tables without them.
 */
async function dropSecondaryIndexes(tx: Db, tables: string[]) {
  const indexes = await rows<{ name: string; definition: string }>(
    tx,
    sql`select indexname as name, indexdef as definition from pg_indexes
        where schemaname = current_schema() and tablename in (${sql.join(
          tables.map((t) => sql`${t}`),
          sql`, `,
        )})
          and indexname not in (select conname from pg_constraint)`,
  );
  for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.name}"`));
  return async () => {
    for (const index of indexes) await tx.execute(sql.raw(index.definition));
  };
}

/** The generated agencies, hub first. */
export async function benchAgencyIds(db: Db, seed: number) {
  const found = await rows<{ id: string }>(
    db,
    sql`select id from agencies where slug like ${`bench-${seed}-%`} order by length(slug), slug`,
  );
  return found.map((r) => r.id);
}
