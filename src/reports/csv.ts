import type { Response } from 'express';
import { neutraliseFormula } from '../shared/csv-safety.ts';
import type { ReportTable } from './report-table.ts';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, and never a formula
 * (shared/csv-safety.ts).
 */
export function csvField(value: string) {
  const safe = neutraliseFormula(value);
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
