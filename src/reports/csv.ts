import type { Response } from 'express';
import type { ReportTable } from './report-table.ts';

/** A plain figure such as -2, 1,234 or 12.5% cannot be a formula, so it is left as it is. */
const FIGURE = /^[-+]?\d[\d,]*(\.\d+)?%?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A spreadsheet would
 * run a field starting with = + - @ (or a tab or carriage return) as a formula, so such text is
 * prefixed with an apostrophe (CSV injection).
 */
export function csvField(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) && !FIGURE.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const toCsv = (table: Pick<ReportTable, 'head' | 'rows'>) =>
  [table.head, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

/**
 * Sends the table as a download. The byte order mark lets Excel, which most councils use, read
 * UTF-8 (pound signs, dashes) correctly.
 */
export function sendCsv(res: Response, filename: string, table: ReportTable) {
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '-')}"`)
    .send(`\uFEFF${toCsv(table)}`);
}
