/**
 * Which way dependencies point (issue 13, item 7). Run by `npm run lint` as
 * `depcruise src jobs --config .dependency-cruiser.mjs`; scripts/dep-figures.mjs reads the same graph.
 *
 * Type-only imports (`import type`) are part of the graph (tsPreCompilationDeps: true) and every rule
 * below counts them, cycles included: the issue's own cycles (jobs/define-job.ts <-> jobs/queues.ts <->
 * src/deps.ts, shared/dates.ts <-> shared/bank-holidays.ts) run through type imports, and
 * dependency-cruiser checks a `viaOnly` restriction against one cycle per edge only, so a value-only
 * cycle rule could miss a value cycle found behind a type edge.
 */

/** Files allowed to use Drizzle's query builders (`eq`, `and`, `sql`, `db.select`...) and drivers. */
const QUERY_BUILDER_ALLOWED = [
  '\\.repo\\.ts$', // repositories: the only place with SQL
  '\\.table\\.ts$', // table definitions: pg-core column builders, `sql` in checks and defaults
  '^src/db/', // client.ts (drivers, migrator), rows.ts (raw-query helper), schema.ts, migrations
  '^src/bench/', // the benchmark harness times raw SQL on purpose (generate.ts, report.ts, verify.ts, scenarios/*)
];

export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle among src/ and jobs/ (type-only imports included).',
      from: { path: '^(src|jobs)/' },
      to: { circular: true },
    },
    {
      name: 'src-not-to-jobs',
      severity: 'error',
      comment:
        'src/ never imports jobs/: services enqueue by name through src/jobs/ (contracts, queues). The only ' +
        'exceptions are the entry points that start a worker in-process, and only through jobs/start-worker.ts.',
      from: { path: '^src/', pathNot: ['^src/server\\.ts$', '^src/bench/'] },
      to: { path: '^jobs/' },
    },
    {
      name: 'entry-points-to-jobs-only-through-start-worker',
      severity: 'error',
      comment:
        'src/server.ts and the benchmark harness may start the worker, through jobs/start-worker.ts only.',
      from: { path: ['^src/server\\.ts$', '^src/bench/'] },
      to: { path: '^jobs/', pathNot: '^jobs/start-worker\\.ts$' },
    },
    {
      name: 'jobs-not-to-repositories',
      severity: 'error',
      comment: 'A job is an adapter: parse the payload, call one service function, map its outcome.',
      from: { path: '^jobs/' },
      to: { path: '\\.repo\\.ts$' },
    },
    {
      name: 'service-not-to-express',
      severity: 'error',
      comment: 'Services hold the rules and never import Express (not even its types).',
      from: { path: '\\.service\\.ts$' },
      to: { path: '^node_modules/(express|@types/express)/' },
    },
    {
      name: 'service-not-to-web',
      severity: 'error',
      comment: 'Services never import routes, API routers or web plumbing.',
      from: { path: '\\.service\\.ts$' },
      to: { path: ['\\.(routes|api)\\.ts$', '^src/web/'] },
    },
    {
      name: 'query-builders-only-in-repositories',
      severity: 'error',
      comment:
        'Only repositories (and tables, db/, bench/) import drizzle-orm values. Type-only imports (e.g. `import type { SQL }`) are allowed anywhere.',
      from: { path: '^(src|jobs)/', pathNot: QUERY_BUILDER_ALLOWED },
      to: { path: '^node_modules/drizzle-orm/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'repo-not-up',
      severity: 'error',
      comment: 'Repositories import tables, db/ and shared/ only: never services, routes or jobs.',
      from: { path: '\\.repo\\.ts$' },
      to: { path: ['\\.(service|routes|api)\\.ts$', '^jobs/', '^src/web/'] },
    },
    {
      name: 'calendar-and-shared-import-nothing-of-ours',
      severity: 'error',
      comment: 'src/calendar/ and src/shared/ may be used by anyone, so they import only each other.',
      from: { path: '^src/(calendar|shared)/', pathNot: '^src/calendar/.*\\.(service|repo|routes)\\.ts$' },
      to: { path: '^(src|jobs)/', pathNot: '^src/(calendar|shared)/' },
    },
    {
      name: 'nothing-imports-the-household-page',
      severity: 'error',
      comment: 'src/household/ composes the household page from several features; only web files import it.',
      from: { path: '^src/', pathNot: ['^src/household/', '\\.(routes|api)\\.ts$', '^src/app\\.ts$'] },
      to: { path: '^src/household/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^src/db/migrations/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Imports are written with their .ts extension (allowImportingTsExtensions); keep .js for packages.
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
