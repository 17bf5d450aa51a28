import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../db/client.ts';
import { benchUsers, createBenchContext } from './context.ts';
import { generateBenchData } from './generate.ts';
import { printMissed, withMeasuredCause } from './missed.ts';
import { historyProblems } from './verify.ts';
import {
  dataSize,
  describeEnvironment,
  printLine,
  printTable,
  writeResults,
  type Environment,
  type ScenarioResult,
} from './report.ts';
import { busyDayScenario } from './scenarios/busy-day.ts';
import { funnelScenario } from './scenarios/funnel.ts';
import { importScenario } from './scenarios/import.ts';
import { generationResult } from './scenarios/generation.ts';
import { incrementalScenario } from './scenarios/incremental.ts';
import { intakeScenario } from './scenarios/intake.ts';
import { jobsScenario } from './scenarios/jobs.ts';
import { memoryScenario } from './scenarios/memory.ts';
import { recomputeScenario } from './scenarios/recompute.ts';
import { startupScenario } from './scenarios/startup.ts';

/**
 * `npm run bench` runs this (scripts/bench.mjs starts PostgreSQL and Redis first): generate the data,
 * run every scenario on PostgreSQL and then on PGlite, print one JSON line per scenario and a table,
 * and write bench/results/<date>[-quick].json. Progress goes to stderr, results to stdout.
 *
 * Options: --quick (10,000 enquiries, short runs), --enquiries N, --agencies K, --pglite-enquiries M,
 * --import-rows R (tracker rows imported on PGlite: 50,000, or 5,000 with --quick), --seed S,
 * --skip a,b (funnel, recompute, incremental, jobs, intake, busy-day, memory, startup, import, postgres,
 * pglite), --only a,b (the same scenario names: skip every one not named; the data is still generated).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    enquiries: { type: 'string' },
    agencies: { type: 'string' },
    'pglite-enquiries': { type: 'string' },
    'import-rows': { type: 'string' },
    seed: { type: 'string', default: '1' },
    skip: { type: 'string', default: '' },
    only: { type: 'string', default: '' },
  },
});
const quick = values.quick!;
const sizes = {
  enquiries: Number(values.enquiries ?? (quick ? 10_000 : 1_000_000)),
  agencies: Number(values.agencies ?? (quick ? 3 : 10)),
  // The same size on PGlite (about 3 minutes to load 1M in WASM); every result reports its own size.
  pgliteEnquiries: Number(values['pglite-enquiries'] ?? (quick ? 10_000 : 1_000_000)),
  importRows: Number(values['import-rows'] ?? (quick ? 5_000 : 50_000)),
  seed: Number(values.seed),
};
const settings = {
  intakeMs: quick ? 10_000 : 30_000,
  funnelRequests: quick ? 100 : 200,
  recounts: quick ? 10 : 20,
  incrementalRepeats: quick ? 3 : 5,
  messages: quick ? 4_000 : 20_000,
  startRepeats: quick ? 1 : 3,
  busyDayMs: quick ? 6_000 : 60_000,
  quietDayMs: quick ? 2_000 : 20_000,
  busyWarmupMs: quick ? 2_000 : 3_000,
};
const scenarioNames = [
  'funnel',
  'recompute',
  'incremental',
  'jobs',
  'intake',
  'busy-day',
  'memory',
  'startup',
  'import',
];
const only = values.only!.split(',').filter(Boolean);
const skip = new Set([
  ...values.skip!.split(',').filter(Boolean),
  ...(only.length ? scenarioNames.filter((name) => !only.includes(name)) : []),
]);
const progress = (line: string) => console.error(`▶ ${line}`);

const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;
if (!databaseUrl || !redisUrl) {
  console.error(
    'Run the benchmarks with `npm run bench` (BENCH_DATABASE_URL and BENCH_REDIS_URL are not set).',
  );
  process.exit(2);
}

/** A database of its own on the server for this run, so earlier runs never skew it; dropped at the end. */
async function withDatabase<T>(serverUrl: string, run: (url: string) => Promise<T>) {
  const name = `bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function prepare(database: Database, enquiries: number) {
  progress(`${database.kind}: migrating and generating ${enquiries} enquiries in ${sizes.agencies} agencies`);
  await database.migrate();
  const generated = await generateBenchData(database, { ...sizes, enquiries, log: progress });
  const hubId = generated.agencyIds[0]!;
  const data = await dataSize(database, hubId);
  const problems = await historyProblems(database.db, generated.agencyIds);
  return { hubId, data, generation: generationResult(database.kind, generated, data, problems) };
}

type Prepared = Awaited<ReturnType<typeof scenarios>>;

/** Every in-process scenario on one database, printing each result as it comes. */
async function scenarios(database: Database, onResult: (r: ScenarioResult) => void) {
  const { hubId, data, generation } = await prepare(
    database,
    database.kind === 'postgres' ? sizes.enquiries : sizes.pgliteEnquiries,
  );
  onResult(generation);
  const ctx = await createBenchContext(database, redisUrl!, `bench-${database.kind}`);
  const tokens = await benchUsers(ctx.deps, hubId);
  const run = async (name: string, scenario: () => Promise<ScenarioResult>) => {
    if (skip.has(name)) return;
    progress(`${database.kind}: ${name}`);
    onResult(await withMeasuredCause(scenario));
  };
  try {
    // Reads first, on the generated data only; intake (which adds enquiries) last.
    const common = { hubId, data };
    await run('funnel', () =>
      funnelScenario(ctx, {
        ...common,
        managerToken: tokens.manager,
        requests: settings.funnelRequests,
        recounts: settings.recounts,
      }),
    );
    await run('recompute', () => recomputeScenario(ctx, { data }));
    await run('incremental', () =>
      incrementalScenario(ctx, {
        ...common,
        managerToken: tokens.manager,
        repeats: settings.incrementalRepeats,
      }),
    );
    if (database.kind === 'postgres')
      await run('jobs', () => jobsScenario(ctx, { ...common, messages: settings.messages }));
    await run('intake', () =>
      intakeScenario(ctx, { ...common, officerToken: tokens.officer, durationMs: settings.intakeMs }),
    );
    // Starts the worker in this context, so it runs last.
    await run('busy-day', () =>
      busyDayScenario(ctx, {
        ...common,
        officerToken: tokens.officer,
        durationMs: settings.busyDayMs,
        quietMs: settings.quietDayMs,
        warmupMs: settings.busyWarmupMs,
      }),
    );
  } finally {
    await ctx.close();
  }
  return { tokens, data };
}

/** (f) runs last on each database: the real server process needs the database to itself on PGlite. */
async function memory(kind: Database['kind'], env: Record<string, string>, prepared: Prepared) {
  if (skip.has('memory')) return [];
  progress(`${kind}: memory`);
  const { manager } = prepared.tokens;
  return [
    await withMeasuredCause(() => memoryScenario({ kind, env, managerToken: manager, data: prepared.data })),
  ];
}

async function main() {
  const started = performance.now();
  const results: ScenarioResult[] = [];
  let environment: Environment | undefined;
  const print = (r: ScenarioResult) => {
    results.push(r);
    printLine(r, environment!);
  };

  await withDatabase(databaseUrl!, async (url) => {
    const postgres = openPostgres(url);
    environment = await describeEnvironment(postgres, quick ? 'quick' : 'full');
    if (skip.has('postgres')) return postgres.close();
    const prepared = await scenarios(postgres, print).finally(() => postgres.close());
    const env = { DATABASE_URL: url, REDIS_URL: redisUrl! };
    (await memory('postgres', env, prepared)).forEach(print);
    if (!skip.has('startup')) {
      progress('postgres: start-up of the web and worker processes, compiled and under tsx');
      print(await startupScenario({ env, repeats: settings.startRepeats, data: prepared.data }));
    }
  });

  if (!skip.has('pglite')) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-pglite-'));
    try {
      const pglite = await openPglite(path.join(dataDir, 'pglite'));
      const prepared = await scenarios(pglite, print).finally(() => pglite.close());
      (await memory('pglite', { DATA_DIR: dataDir, REDIS_URL: redisUrl! }, prepared)).forEach(print);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  // (g) A tracker import on an empty PGlite of its own (issue 14).
  if (!skip.has('import')) {
    progress(`pglite: importing a tracker of about ${sizes.importRows} rows`);
    const households = Math.round(sizes.importRows / 1.03);
    print(await withMeasuredCause(() => importScenario({ households, seed: sizes.seed })));
  }

  printTable(results);
  const file = writeResults(results, environment!);
  console.log(`\nResults written to ${path.relative(process.cwd(), file)}`);
  printMissed(results);
  // `--quick` must stay under 3 minutes (issue 19); the load says whether the machine was shared.
  const load = os.loadavg().map((n) => n.toFixed(1));
  console.log(
    `\nBench finished in ${Math.round((performance.now() - started) / 1000)} s (load average ${load.join(', ')})`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
