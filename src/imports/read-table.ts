/**
 * Reads the file a team uploads (issue 14 §1) into text cells: CSV in any of the delimiters and
 * encodings Excel and other tools save, or one sheet of an XLSX workbook. Nothing is interpreted
 * here (dates stay text, except XLSX date cells, which have no text of their own).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { fieldError } from '../shared/errors.ts';
import type { ReadTable } from './import-types.ts';
import { readXlsx } from './read-xlsx.ts';
import { headerLookup, vocabularyKey } from './vocabulary.ts';

/** The most data rows one import takes (a council has a few thousand at most; 50,000 is benchmarked). */
export const MAX_ROWS = 200_000;

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls (and .doc)
const TEXT_EXTENSIONS = ['', 'csv', 'tsv', 'txt'];
const XLSX_EXTENSIONS = ['', 'xlsx', 'xlsm'];

const startsWith = (file: Buffer, bytes: number[]) => bytes.every((b, i) => file[i] === b);
const extensionOf = (fileName: string) => /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** Refusal of the file itself: 422 on the field `file`, with one plain message. */
export const fileError = (message: string) => fieldError('file', message);

const NOT_A_TABLE =
  'The file must be a CSV file or an Excel workbook (.xlsx). In Excel, use File > Save As and choose "CSV UTF-8" or "Excel Workbook"';

/**
 * Reads a CSV or XLSX file into a ReadTable.
 * - CSV: the delimiter is the one of comma, semicolon and tab found most often in the header line
 *   (outside quotes); the encoding is UTF-8 (with or without BOM) when the bytes are valid UTF-8,
 *   else Windows-1252 (what Excel's plain "CSV" saves on English Windows).
 * - XLSX: the sheet named `sheet`, else the first; date cells become `YYYY-MM-DD`, numbers their
 *   text, rich text, hyperlinks and formula results their text.
 * The header row is the first row that is not blank (below a title line, if any: findHeaderRow); headers are trimmed, a blank header becomes
 * "Column N" and a repeated one gets " (2)", " (3)"... so every column has its own name. Cells are
 * trimmed; blank rows are skipped but keep the numbering, so `rowNumber` is the row in Excel.
 * @throws AppError('validation') on the field `file` for an empty file, a file that is neither, a
 *   file without a header row or with more than MAX_ROWS rows; on `sheet` for an unknown sheet.
 */
export async function readTable(
  file: Buffer,
  options: { fileName: string; sheet?: string },
): Promise<ReadTable> {
  if (file.length === 0) throw fileError('The file is empty: choose the tracker file to import');
  const extension = extensionOf(options.fileName);
  if (startsWith(file, ZIP_SIGNATURE)) {
    if (!XLSX_EXTENSIONS.includes(extension)) throw fileError(NOT_A_TABLE);
    const sheet = await readXlsx(file, options.sheet);
    return tableFrom(sheet.rows, {
      format: 'xlsx',
      encoding: 'xlsx',
      sheets: sheet.sheets,
      sheet: sheet.sheet,
    });
  }
  if (startsWith(file, OLE_SIGNATURE))
    throw fileError(
      'This is an old Excel file (.xls): open it in Excel, use File > Save As and choose "Excel Workbook (.xlsx)" or "CSV UTF-8"',
    );
  if (startsWith(file, [0xff, 0xfe]) || startsWith(file, [0xfe, 0xff]))
    throw fileError(
      'This file is saved as UTF-16 ("Unicode text"), which this import does not read: in Excel, use File > Save As and choose "CSV UTF-8"',
    );
  if (!TEXT_EXTENSIONS.includes(extension) || file.includes(0)) throw fileError(NOT_A_TABLE);
  if (options.sheet !== undefined && options.sheet.trim() !== '')
    throw fieldError('sheet', 'A CSV file has no sheets: leave the sheet empty');
  return readCsv(file);
}

function readCsv(file: Buffer): ReadTable {
  const { text, encoding } = decode(file);
  if (text.trim() === '') throw fileError('The file is empty: choose the tracker file to import');
  // Excel reads (and hides) a first line "sep=;" naming the delimiter; row numbers start after it.
  const hint = /^sep=([,;\t])\r?\n/i.exec(text);
  const body = hint ? text.slice(hint[0].length) : text;
  const delimiter = (hint?.[1] as ',' | ';' | '\t' | undefined) ?? detectDelimiter(body);
  let records: string[][];
  try {
    // relax_quotes: a quote inside an unquoted cell (Jane "JJ" Smith) is text, as Excel reads it.
    records = parseCsv(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw fileError(
      `The file could not be read as CSV${line ? ` (near line ${line})` : ''}: check for a quote mark (") that is never closed`,
    );
  }
  return tableFrom(records, { format: 'csv', encoding, delimiter });
}

/** UTF-8 (BOM or not) when the bytes are valid UTF-8, else Windows-1252. */
function decode(file: Buffer): { text: string; encoding: ReadTable['encoding'] } {
  const bom = startsWith(file, [0xef, 0xbb, 0xbf]);
  const body = bom ? file.subarray(3) : file;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // Node's own TextDecoder reads 'windows-1252' as Latin-1 (0x92 stays a control character),
    // so iconv-lite, which maps 0x80–0x9F to € ’ “ ” and the rest.
    return { text: iconv.decode(body, 'win1252'), encoding: 'windows-1252' };
  }
}

/**
 * The delimiter counted most often in the first line that has any (outside quotes): the header
 * line, or the first line under a title line without delimiters. Comma on a tie, or when no line
 * has one (a one-column file).
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const delimiters = [',', ';', '\t'] as const;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (delimiters.some((d) => counts[d] > 0)) break; // the end of the first line with one
    } else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  return delimiters.reduce((a, b) => (counts[b] > counts[a] ? b : a));
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** Builds the table from raw rows (index 0 is spreadsheet row 1). */
function tableFrom(raw: string[][], meta: Omit<ReadTable, 'headers' | 'rows'>): ReadTable {
  const headerIndex = findHeaderRow(raw);
  if (headerIndex < 0) throw fileError('The file is empty: it has no rows with anything in them');
  const headerCells = raw[headerIndex]!.map((cell) => cell.trim());
  if (!headerCells.some((cell) => /\p{L}/u.test(cell)))
    throw fileError(
      `Row ${headerIndex + 1} should be the column headings (like "Name" and "Enquiry date"), but it has no words in it: add a heading row above the data`,
    );
  let width = 0;
  for (let i = headerIndex; i < raw.length; i += 1) width = Math.max(width, raw[i]!.length);
  const rows: ReadTable['rows'] = [];
  for (let i = headerIndex + 1; i < raw.length; i += 1) {
    const cells = raw[i]!;
    if (isBlank(cells)) continue;
    rows.push({ rowNumber: i + 1, cells: Array.from({ length: width }, (_, c) => (cells[c] ?? '').trim()) });
  }
  if (rows.length > MAX_ROWS)
    throw fileError(
      `The file has ${rows.length} rows; one import takes at most ${MAX_ROWS}: split the file and import each part`,
    );
  return { ...meta, headers: headerNames(headerCells, width), rows };
}

/** How far down a title block above the headings may reach. */
const TITLE_ROWS = 10;

/**
 * The heading row: the first non-blank row, unless a row below it (within TITLE_ROWS) has at least
 * two headings the vocabulary knows and it has none, as when a sheet starts with a title line
 * ("Fostering enquiries 2023-24") above the headings. Rows above the heading row are not data.
 */
function findHeaderRow(raw: string[][]): number {
  const first = raw.findIndex((cells) => !isBlank(cells));
  if (first < 0) return first;
  const known = (cells: string[]) => cells.filter((cell) => headerLookup.has(vocabularyKey(cell))).length;
  if (known(raw[first]!) > 0) return first;
  for (let i = first + 1; i < Math.min(raw.length, first + TITLE_ROWS); i += 1)
    if (known(raw[i]!) >= 2) return i;
  return first;
}

/** Trimmed headers; blank ones "Column N" (N from 1), repeated ones "Date (2)", "Date (3)". */
export function headerNames(cells: string[], width: number): string[] {
  const used = new Set<string>();
  return Array.from({ length: width }, (_, i) => {
    const base = cells[i]?.trim() || `Column ${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
}
