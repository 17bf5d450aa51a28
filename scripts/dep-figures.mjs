#!/usr/bin/env node
/**
 * Prints the dependency figures of issue 13 from dependency-cruiser's JSON output, so the same
 * numbers can be taken before and after the refactor:
 *
 *   node scripts/dep-figures.mjs              # cruise src/ and jobs/ with .dependency-cruiser.mjs
 *   node scripts/dep-figures.mjs --from x.json  # read a saved `depcruise ... -T json` result
 *   node scripts/dep-figures.mjs --summary    # the counts only, no lists
 *
 * Definitions (edges between our own files; `import type` edges are counted and marked "type"):
 * - file cycles: strongly connected groups of files (each group is one cycle or several interlocked
 *   ones), with type imports and for value imports only; and the number of elementary cycles.
 * - folders: the first-level folders under src/ plus jobs/; files directly in src/ (app.ts, deps.ts,
 *   runtime.ts...) are the composition root and belong to no folder. src/db/schema.ts re-exports every
 *   table for Drizzle and drizzle-kit by design: those re-exports are left out of folder figures.
 *   A mutually dependent pair is two folders that each import the other directly. Also given for
 *   "code below the web layer": without imports made by web files and without imports of the data
 *   layer (tables and the vocabularies they store: foreign keys and column types join features by nature).
 * - layers, lowest first: 0 foundation (src/shared, src/calendar except its service/repo/routes,
 *   src/config.ts), 1 data (tables, src/db, src/infra, and the vocabularies tables store:
 *   pipeline/stages.ts, roles.ts, *-options.ts), 2 repositories, 3 services (the rest of a feature,
 *   src/deps.ts, src/jobs/), 4 web (routes, API routers, middleware, src/web, *-form.ts, *-page(s).ts,
 *   any non-service file importing Express) and job adapters (jobs/*.job.ts, jobs/define-job.ts,
 *   jobs/queues.ts), 5 entry points and tools (src/app.ts, server.ts, runtime.ts, bootstrap.ts, cli/,
 *   bench/, demo/ except its repository, and the worker runtime in jobs/). An import "back up" is one
 *   from a lower layer to a higher one.
 * - cross-feature repository imports: a file in one folder importing another folder's *.repo.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const summaryOnly = args.includes('--summary');
const fromIndex = args.indexOf('--from');

function cruise() {
  if (fromIndex >= 0) return JSON.parse(readFileSync(args[fromIndex + 1], 'utf8'));
  const bin = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const command = [bin, 'src', 'jobs', '--config', '.dependency-cruiser.mjs', '--output-type', 'json'];
  try {
    return JSON.parse(
      execFileSync(process.execPath, command, { cwd: root, maxBuffer: 256 << 20 }).toString(),
    );
  } catch (err) {
    if (err.stdout?.length) return JSON.parse(err.stdout.toString()); // rule violations exit non-zero
    throw err;
  }
}

const result = cruise();
const ours = (path) => /^(src|jobs)\//.test(path);

/** from → to → { type: only type imports } */
const graph = new Map();
for (const module of result.modules) {
  if (!ours(module.source)) continue;
  if (!graph.has(module.source)) graph.set(module.source, new Map());
  for (const dep of module.dependencies) {
    if (!ours(dep.resolved) || dep.resolved === module.source) continue;
    const typeOnly = dep.dependencyTypes.includes('type-only');
    const known = graph.get(module.source).get(dep.resolved);
    graph.get(module.source).set(dep.resolved, { type: known ? known.type && typeOnly : typeOnly });
    if (!graph.has(dep.resolved)) graph.set(dep.resolved, new Map());
  }
}
const edges = [...graph].flatMap(([from, tos]) => [...tos].map(([to, { type }]) => ({ from, to, type })));
const show = (e) => `${e.from} -> ${e.to}${e.type ? ' (type)' : ''}`;

/** Tarjan's strongly connected components with more than one file. */
function cycleGroups(valueOnly) {
  const next = (v) => [...graph.get(v)].filter(([, e]) => !valueOnly || !e.type).map(([to]) => to);
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  // Elementary cycles inside each group (the groups are small): each counted once, from its least file.
  const cycles = [];
  for (const group of groups) {
    const members = new Set(group);
    for (const start of group) {
      const walk = (v, path) => {
        for (const w of next(v)) {
          if (!members.has(w) || w < start) continue;
          if (w === start) cycles.push([...path, start]);
          else if (!path.includes(w)) walk(w, [...path, w]);
        }
      };
      walk(start, [start]);
    }
  }
  return { groups, cycles };
}

const folderOf = (path) => {
  if (path.startsWith('jobs/')) return 'jobs';
  const parts = path.split('/');
  if (parts.length <= 2) return null;
  return parts[1] === 'jobs' ? 'src/jobs' : parts[1]; // job contracts and queues, apart from jobs/
};

const schemaBarrel = (e) => e.from === 'src/db/schema.ts' && e.to.endsWith('.table.ts');
function mutualPairs(keep) {
  const links = new Set();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a && b && a !== b && !schemaBarrel(e) && keep(e)) links.add(`${a} ${b}`);
  }
  return [...links]
    .map((link) => link.split(' '))
    .filter(([a, b]) => a < b && links.has(`${b} ${a}`))
    .map(([a, b]) => `${a} <-> ${b}`)
    .sort();
}

const WEB_SHARED =
  /^src\/shared\/(cookies|current-user|form-input|html|http|navigation|stylesheet|views)\.ts$/;
const importsExpress = new Set(
  result.modules
    .filter((m) => m.dependencies.some((d) => /^node_modules\/(express|@types\/express)\//.test(d.resolved)))
    .map((m) => m.source),
);
function layer(path) {
  if (/^src\/(app|server|runtime|bootstrap)\.ts$/.test(path) || /^src\/(cli|bench)\//.test(path)) return 5;
  if (/^src\/demo\//.test(path) && !path.endsWith('.repo.ts')) return 5;
  if (path.startsWith('jobs/')) return /(\.job|\/define-job|\/queues)\.ts$/.test(path) ? 4 : 5;
  if (/\.(routes|api|middleware)\.ts$|-(form|page|pages)\.ts$/.test(path) || /^src\/web\//.test(path))
    return 4;
  if (WEB_SHARED.test(path) || (importsExpress.has(path) && !path.endsWith('.service.ts'))) return 4;
  if (/^src\/calendar\/.*\.(service|repo|routes)\.ts$/.test(path)) return path.endsWith('.repo.ts') ? 2 : 3;
  if (/^src\/(shared|calendar)\//.test(path) || path === 'src/config.ts') return 0;
  if (/\.table\.ts$|\/stages\.ts$|\/roles\.ts$|-options\.ts$/.test(path) || /^src\/(db|infra)\//.test(path))
    return 1;
  if (path.endsWith('.repo.ts')) return 2;
  return 3;
}
const LAYER_NAMES = ['foundation', 'data', 'repo', 'service', 'web/job', 'entry/tool'];

const backUp = edges.filter((e) => layer(e.from) < layer(e.to));
const crossRepo = edges.filter(
  (e) => e.to.endsWith('.repo.ts') && folderOf(e.from) !== null && folderOf(e.from) !== folderOf(e.to),
);
const webOrJobsToRepos = edges.filter((e) => layer(e.from) === 4 && e.to.endsWith('.repo.ts'));
const servicesToJobs = edges.filter((e) => e.from.endsWith('.service.ts') && e.to.startsWith('jobs/'));

const lines = (path) => readFileSync(join(root, path), 'utf8').split('\n').length - 1;
const sizes = result.modules
  .map((m) => m.source)
  .filter((p) => /^(src|jobs)\/.*\.ts$/.test(p))
  .map((path) => ({ path, lines: lines(path) }))
  .sort((a, b) => b.lines - a.lines);
const bigSrc = sizes.filter((f) => f.path.startsWith('src/') && f.lines > 300);
const bigJobs = sizes.filter((f) => /^jobs\/.*\.job\.ts$/.test(f.path) && f.lines > 40);

const all = cycleGroups(false);
const value = cycleGroups(true);
const pairsAll = mutualPairs(() => true);
const pairsValue = mutualPairs((e) => !e.type);
const pairsBelowWeb = mutualPairs((e) => layer(e.from) < 4 && layer(e.to) !== 1);

const section = (title, count, list) => {
  console.log(`${title}: ${count}`);
  if (!summaryOnly) for (const item of list) console.log(`  ${item}`);
};
console.log(
  `dependency figures (${graph.size} files in src/ and jobs/, ${edges.length} imports between them)`,
);
section(
  'file cycles (groups, type imports counted)',
  all.groups.length,
  all.groups.map((g) => g.join(' <-> ')),
);
section(
  '  elementary cycles',
  all.cycles.length,
  all.cycles.map((c) => c.join(' -> ')),
);
section(
  'file cycles (groups, value imports only)',
  value.groups.length,
  value.groups.map((g) => g.join(' <-> ')),
);
section('mutually dependent folder pairs (type imports counted)', pairsAll.length, pairsAll);
section('mutually dependent folder pairs (value imports only)', pairsValue.length, pairsValue);
section(
  'mutually dependent folder pairs (below the web layer, data layer left out)',
  pairsBelowWeb.length,
  pairsBelowWeb,
);
section(
  'imports back up the layers',
  `${backUp.length} (${backUp.filter((e) => !e.type).length} value)`,
  backUp.map((e) => `${LAYER_NAMES[layer(e.from)]} -> ${LAYER_NAMES[layer(e.to)]}: ${show(e)}`),
);
section(
  "imports of another folder's *.repo.ts",
  `${crossRepo.length} (${crossRepo.filter((e) => e.from.startsWith('jobs/')).length} from jobs/)`,
  crossRepo.map(show),
);
section('web files and jobs importing a repository', webOrJobsToRepos.length, webOrJobsToRepos.map(show));
section('services importing jobs/', servicesToJobs.length, servicesToJobs.map(show));
section(
  'src/ files over 300 lines',
  bigSrc.length,
  bigSrc.map((f) => `${f.lines} ${f.path}`),
);
section(
  'job files over 40 lines',
  bigJobs.length,
  bigJobs.map((f) => `${f.lines} ${f.path}`),
);
section(
  'largest files',
  10,
  sizes.slice(0, 10).map((f) => `${f.lines} ${f.path}`),
);
const violations = new Map();
for (const v of result.summary.violations)
  violations.set(v.rule.name, (violations.get(v.rule.name) ?? 0) + 1);
section(
  'dependency-cruiser rule violations',
  result.summary.violations.length,
  [...violations].map(([rule, n]) => `${rule}: ${n}`),
);
