/** One sheet of an XLSX workbook as rows of text cells, read with ExcelJS (used by read-table.ts). */
import type ExcelJS from 'exceljs';
import { fieldError } from '../shared/errors.ts';

/** Imported by read-table.ts, which owns the limit; repeated here to refuse before reading cells. */
const MAX_SHEET_ROWS = 200_001;

export interface XlsxSheet {
  sheets: string[];
  sheet: string;
  /** Index 0 is row 1; missing rows are empty arrays. */
  rows: string[][];
}

/**
 * Loads the workbook and reads the sheet named `sheetName` (exactly, else ignoring case), or the
 * first sheet. @throws AppError('validation') on `file` when the workbook cannot be opened or has
 * no sheet, on `sheet` (listing the sheets) when no sheet has that name.
 */
export async function readXlsx(file: Buffer, sheetName: string | undefined): Promise<XlsxSheet> {
  // Loaded on the first Excel upload, not at start-up: it is the largest module the app has
  // (~0.3 s and ~15 MB in every web and worker process otherwise; README, Performance).
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    // ExcelJS's types want its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw fieldError(
      'file',
      'The Excel file could not be opened: it may be damaged or password-protected. Open it in Excel and save it again as "Excel Workbook (.xlsx)"',
    );
  }
  const sheets = workbook.worksheets.map((ws) => ws.name);
  const worksheet = chooseSheet(workbook, sheets, sheetName);
  if (worksheet.actualRowCount > MAX_SHEET_ROWS)
    throw fieldError(
      'file',
      `The sheet has ${worksheet.actualRowCount - 1} rows; one import takes at most ${MAX_SHEET_ROWS - 1}: split the file and import each part`,
    );
  const rows: string[][] = Array.from({ length: worksheet.rowCount }, () => []);
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // A merged range's value belongs to its top-left cell only, as Excel shows it.
      cells[column - 1] = cell.type === excel.ValueType.Merge ? '' : cellText(cell.value);
    });
    rows[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '');
  });
  return { sheets, sheet: worksheet.name, rows };
}

function chooseSheet(workbook: ExcelJS.Workbook, sheets: string[], name: string | undefined) {
  const first = workbook.worksheets[0];
  if (!first) throw fieldError('file', 'The Excel file has no sheets: add the tracker and save it again');
  if (name === undefined || name.trim() === '') return first;
  const wanted = name.trim();
  const found =
    workbook.worksheets.find((ws) => ws.name === wanted) ??
    workbook.worksheets.find((ws) => ws.name.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  throw fieldError(
    'sheet',
    `The workbook has no sheet called "${wanted}": choose one of ${sheets.map((s) => `"${s}"`).join(', ')}`,
  );
}

/** ExcelJS gives date-formatted cells as Dates at midnight UTC of the day shown. */
const isoDay = (date: Date) =>
  Number.isNaN(date.getTime()) ? 'not a date' : date.toISOString().slice(0, 10);

/**
 * The text a cell shows: dates as YYYY-MM-DD, numbers as their digits, TRUE/FALSE, the text of rich
 * text and hyperlinks, a formula's last calculated result, and error values as Excel writes them.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return linkText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('error' in value) return value.error;
  return '';
}

// A hyperlink's text is sometimes rich text despite ExcelJS's types.
const linkText = (text: unknown): string =>
  typeof text === 'string' ? text : cellText((text ?? null) as ExcelJS.CellValue);
