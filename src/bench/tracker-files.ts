import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Tracker, TrackerCell } from './tracker-rows.ts';

/**
 * A generated tracker (tracker-rows.ts) as the files teams have: UTF-8 CSV, Windows-1252 CSV with
 * semicolons (as Excel on Windows saves "CSV"), and XLSX with real date cells. Used by the fixture
 * writer (tests/fixtures/imports/make-tracker.ts) and the import benchmark.
 */

/** A cell as CSV text: a date typed as dd/mm/yyyy, an Excel serial as its digits. */
export function csvText(cell: TrackerCell): string {
  if (typeof cell === 'string') return cell;
  if ('serial' in cell) return String(cell.serial);
  const [y, m, d] = cell.date.split('-');
  return `${d}/${m}/${y}`;
}

export function trackerCsv(tracker: Tracker, delimiter: ',' | ';' = ','): string {
  return stringify([tracker.headers, ...tracker.rows.map((row) => row.map(csvText))], {
    delimiter,
    record_delimiter: '\r\n',
  });
}

// Windows-1252's bytes 0x80–0x9F; every other character it has is Latin-1 (its own code point).
const cp1252High: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** Text as Windows-1252 bytes; throws for a character the code page does not have (never guesses). */
export function windows1252(text: string): Buffer {
  const bytes = [...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const byte = cp1252High[ch];
    if (byte === undefined) throw new Error(`Windows-1252 has no ${JSON.stringify(ch)}`);
    return byte;
  });
  return Buffer.from(bytes);
}

/** The same tracker as an XLSX workbook (the sheet "Tracker", then a notes sheet). */
export async function trackerXlsx(tracker: Tracker): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2026, 10, 20));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Tracker');
  sheet.addRow([...tracker.headers]);
  tracker.rows.forEach((row, index) => {
    const excelRow = sheet.getRow(index + 2);
    row.forEach((cell, column) => {
      if (cell === '') return; // a blank cell is no cell at all, as in Excel
      const target = excelRow.getCell(column + 1);
      if (typeof cell === 'string') target.value = cell;
      else if ('serial' in cell) target.value = cell.serial;
      else {
        const [y, m, d] = cell.date.split('-').map(Number) as [number, number, number];
        target.value = new Date(Date.UTC(y, m - 1, d));
        target.numFmt = 'dd/mm/yyyy';
      }
    });
    excelRow.commit();
  });
  // A second sheet, as trackers have: the import reads the first unless told another.
  workbook
    .addWorksheet('Read me')
    .addRow(['Referrals tracker: one row per household. Dates are dd/mm/yyyy.']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
