import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import yazl from 'yazl';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { neutraliseFormula } from '../shared/csv-safety.ts';
import { columnsOf, datasets, type Dataset } from './export-dictionary.ts';
import { exportBatches, readingOrder, type ExportHeader } from './export.service.ts';
import type { ExportRow } from './export.repo.ts';

export const DICTIONARY_FILE = 'data-dictionary.csv';
export const README_FILE = 'README.md';
export const fileOf = (dataset: Dataset) => `${dataset.name}.csv`;

/**
 * One cell as text: timestamps in ISO 8601 (UTC), true/false, JSON for lists and records, blank
 * for nothing, and never a formula (the same rule as every CSV the service writes).
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return neutraliseFormula(JSON.stringify(value));
  return neutraliseFormula(String(value));
}

/** RFC 4180 with CRLF, and a byte order mark so Excel reads UTF-8 (as the report downloads do). */
const csv = (rows: string[][], bom: boolean) => stringify(rows, { bom, record_delimiter: 'windows' });

async function* csvChunks(db: Db, actor: Actor, dataset: Dataset) {
  const columns = columnsOf(dataset);
  yield csv([columns], true);
  for await (const batch of exportBatches(db, actor, dataset)) {
    yield csv(
      batch.map((row: ExportRow) => columns.map((c) => cell(row[c]))),
      false,
    );
  }
}

/** The dictionary as a table: one row per file (column blank), then one per column. */
export function dictionaryCsv() {
  const rows = [['file', 'column', 'description']];
  for (const dataset of datasets) {
    rows.push([fileOf(dataset), '', dataset.description]);
    for (const [column, description] of Object.entries(dataset.columns))
      rows.push([fileOf(dataset), column, description]);
  }
  return csv(
    rows.map((r) => r.map((v) => neutraliseFormula(v))),
    true,
  );
}

function readme(header: ExportHeader) {
  const lines = [
    `# All data of ${header.agency.name}`,
    '',
    `Exported on ${header.exportedAt.toISOString()} (UTC) from the foster carer recruitment service.`,
    '',
    'Each file is a CSV (UTF-8, comma-separated, first row the column names) with one row per record;',
    `identifiers join the files (for example, people.csv's household_id is households.csv's id).`,
    `${DICTIONARY_FILE} describes every file and column. Times are ISO 8601 in UTC; dates are YYYY-MM-DD.`,
    '',
    'Not included: passwords, tokens and sessions; each email as sent (its address, subject and body:',
    'the wording is in email-template-versions.csv and mailings.csv); individual equality monitoring',
    'answers (kept apart from the case and reported only in aggregate); copies of uploaded tracker',
    'files; and figures the service rebuilds from these records (report roll-ups, matching keys).',
    '',
    '| File | What one row is |',
    '|---|---|',
    ...datasets.map((d) => `| ${fileOf(d)} | ${d.description} |`),
    '',
  ];
  return lines.join('\n');
}

/**
 * Writes the ZIP to `out`: a README, the data dictionary and one CSV per dataset, each streamed
 * from the database batch by batch (an entry is read only when the ZIP reaches it).
 */
export async function writeExportZip(db: Db, actor: Actor, header: ExportHeader, out: Writable) {
  const zip = new yazl.ZipFile();
  // yazl's output is a PassThrough (its types say only "a readable stream").
  const output = zip.outputStream as Readable;
  zip.on('error', (err: Error) => output.destroy(err));
  let reading: Readable | undefined;
  // A download given up half way stops reading the database.
  out.once('close', () => reading?.destroy());
  const mtime = header.exportedAt;
  zip.addBuffer(Buffer.from(readme(header)), README_FILE, { mtime });
  zip.addBuffer(Buffer.from(dictionaryCsv()), DICTIONARY_FILE, { mtime });
  for (const dataset of readingOrder) {
    zip.addReadStreamLazy(fileOf(dataset), { mtime }, (callback) => {
      const stream = Readable.from(csvChunks(db, actor, dataset));
      reading = stream;
      // yazl does not listen for a lazy stream's errors: a database failure ends the download.
      stream.on('error', (err) => output.destroy(err));
      callback(null, stream);
    });
  }
  zip.end();
  await pipeline(output, out);
}
