// `npm run bench:table -- <before.json> [<after.json>] [--write README.md]`: the README's performance
// table, before and after, rendered from two files of bench/results/ (so it is never copied by hand).
// Rows are matched by scenario and database; the target shown is the after run's (targets can rise).
// With --write, replaces the text between <!-- bench-table:start --> and <!-- bench-table:end -->.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { write: { type: 'string' } }, allowPositionals: true });
if (positionals.length < 1 || positionals.length > 2) {
  console.error('Usage: npm run bench:table -- <before.json> [<after.json>] [--write README.md]');
  process.exit(2);
}
const [before, after] = positionals.map((file) => ({ file, ...JSON.parse(readFileSync(file, 'utf8')) }));

const key = (r) => `${r.name}\u0000${r.database}`;
const cell = (text) => String(text).replaceAll('|', '\\|');
const figure = (r) =>
  r ? cell(`${r.headline}${r.ratio === null ? '' : `; ${r.ratio}× (${r.ratioOf})`}`) : '—';
const met = (r) => (!r || r.met === null ? '—' : r.met ? 'met' : '**missed**');
const label = (run) =>
  run
    ? `${run.environment.date.slice(0, 10)} (${run.environment.mode}, ${run.environment.commit})`
    : 'pending';

const beforeByKey = new Map(before.results.map((r) => [key(r), r]));
const afterByKey = new Map((after?.results ?? []).map((r) => [key(r), r]));
const keys = [...new Set([...(after?.results ?? []), ...before.results].map(key))];

const lines = [
  `Before: \`${path.basename(before.file)}\`; after: ${after ? `\`${path.basename(after.file)}\`` : 'pending (a full run)'}. ` +
    'Each figure with its ratio to the comparison measured in the same run.',
  '',
  `| Scenario | DB | Target | Before ${label(before)} | After ${label(after)} | After met |`,
  '|---|---|---|---|---|---|',
  ...keys.map((k) => {
    const b = beforeByKey.get(k);
    const a = afterByKey.get(k);
    const r = a ?? b;
    return `| ${r.name} | ${r.database} | ${cell(r.target ?? '—')} | ${figure(b)} | ${figure(a)} | ${met(a)} |`;
  }),
];
const table = lines.join('\n');

if (values.write) {
  const start = '<!-- bench-table:start -->';
  const end = '<!-- bench-table:end -->';
  const text = readFileSync(values.write, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    console.error(`${values.write} has no ${start} … ${end} section`);
    process.exit(1);
  }
  writeFileSync(values.write, `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`);
  console.log(`Wrote the table into ${values.write}`);
} else console.log(table);
