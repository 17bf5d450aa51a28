import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDefaultAgency } from '../bootstrap.ts';
import type { Database } from '../db/client.ts';
import type { ImportMapping, ImportReport, ProposedMapping } from '../imports/import-types.ts';
import { commitImport } from '../imports/import-commit.service.ts';
import { checkImport, uploadImport } from '../imports/import.service.ts';
import { ImportMappingInput } from '../imports/mapping-schema.ts';
import { systemActor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { parse } from '../shared/validation.ts';

/** Problems listed in the readable summary; `--json` and the batch page have them all. */
const PROBLEMS_SHOWN = 10;

async function readInput(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    throw fieldError(what, `Cannot read ${file}: check the path.`);
  }
}

/** `--mapping M.json`: the mapping saved as JSON, checked by the same schema as the pages and API. */
async function mappingFile(file: string): Promise<ImportMapping> {
  let json: unknown;
  try {
    json = JSON.parse((await readInput(file, 'mapping')).toString('utf8'));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fieldError('mapping', `${file} is not JSON: it must hold { columns, values, dateOrder }.`);
  }
  return parse(ImportMappingInput, json);
}

const unmappedCount = (u: ProposedMapping['unmappedValues']) =>
  u.status.length + u.reason.length + u.channel.length + u.route.length;

/** The `--json` line (CONTRACT.md): `{ batchId, dryRun, rows, ready, imported, problems, duplicates, mapping }`. */
function jsonLine(report: ImportReport, unmappedValues: ProposedMapping['unmappedValues'] | null) {
  const { batchId, dryRun, rows, ready, imported, problems, duplicates, mapping } = report;
  return JSON.stringify({
    batchId,
    dryRun,
    rows,
    ready,
    imported,
    problems,
    duplicates,
    mapping,
    unmappedValues,
  });
}

const describeUnmapped = (u: ProposedMapping['unmappedValues']) =>
  (['status', 'reason', 'channel', 'route'] as const)
    .filter((kind) => u[kind].length > 0)
    .map((kind) => `${kind}: ${u[kind].map((v) => `"${v}"`).join(', ')}`)
    .join('; ');

function printSummary(report: ImportReport, batchPage: string, refused: string | undefined) {
  const lines = [
    `${report.fileName}: ${report.rows} rows, ${report.ready} ready, ${new Set(report.problems.map((p) => p.row)).size} with problems, ${report.duplicates.length} likely duplicates.`,
    report.dryRun ? 'Dry run: nothing was imported.' : `Imported ${report.imported} households.`,
  ];
  if (refused) lines.push(refused);
  for (const p of report.problems.slice(0, PROBLEMS_SHOWN)) {
    lines.push(
      `  row ${p.row}${p.column ? `, ${p.column}` : ''}${p.value ? ` "${p.value}"` : ''}: ${p.message}`,
    );
  }
  if (report.problems.length > PROBLEMS_SHOWN) {
    lines.push(
      `  … and ${report.problems.length - PROBLEMS_SHOWN} more: run with --json, or see ${batchPage}`,
    );
  }
  lines.push(`Batch ${report.batchId}: ${batchPage} (problems as CSV at ${batchPage}/problems.csv)`);
  console.log(lines.join('\n'));
}

/**
 * `npm run crm -- import --file F [--sheet S] [--mapping auto|M.json] [--dry-run] [--json]`
 * (CONTRACT.md): imports a tracker into the default fostering service as the CLI. Without
 * `--mapping` the proposal is used, but only for a dry run when some values are not recognised
 * (exit code 1, after the report). With `--json` the last line of stdout is the report as JSON.
 * Report figures are up to date when it returns (commitImport rebuilds the agency's roll-ups).
 */
export async function importCommand(
  args: string[],
  withDatabase: (run: (database: Database) => Promise<void>) => Promise<void>,
) {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string' },
      sheet: { type: 'string' },
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.file) throw fieldError('file', 'Give the tracker with --file F (a .csv or .xlsx file).');
  const file = await readInput(values.file, 'file');
  const fileName = path.basename(values.file);
  const given = values.mapping && values.mapping !== 'auto' ? await mappingFile(values.mapping) : undefined;

  // The arguments and files are checked before the database is opened: bad input touches nothing.
  await withDatabase(async ({ db }) => {
    const agency = await ensureDefaultAgency(db);
    const actor = systemActor(agency.id, 'cli');
    const { batch, proposal } = await uploadImport(db, actor, {
      file,
      fileName,
      sheet: values.sheet,
    });
    // Without --mapping the proposal stands in, but only for a dry run if it left values unplaced.
    const unplaced =
      values.mapping === undefined && unmappedCount(proposal.unmappedValues) > 0
        ? `some values are not recognised (${describeUnmapped(proposal.unmappedValues)}). ` +
          'Map them in a mapping file (--mapping M.json), or accept them as problems with --mapping auto.'
        : undefined;
    const refused = unplaced && !values['dry-run'] ? `Not imported: ${unplaced}` : undefined;
    let report = await checkImport(db, actor, batch.id, given ?? proposal.mapping);
    if (!values['dry-run'] && !refused && report.ready > 0) {
      report = await commitImport(db, actor, batch.id, ({ done, total }) => {
        if (!values.json) process.stderr.write(`\rWritten ${done} of ${total} households…`);
      });
      if (!values.json) process.stderr.write('\n');
    }

    const batchPage = `/imports/${report.batchId}`;
    if (values.json) {
      const unmappedValues = values.mapping === 'auto' || !given ? proposal.unmappedValues : null;
      console.log(jsonLine(report, unmappedValues));
    } else {
      printSummary(report, batchPage, refused ?? (unplaced && `Note: ${unplaced}`));
    }
    if (refused) {
      if (values.json) console.error(refused);
      process.exitCode = 1;
    }
  });
}
