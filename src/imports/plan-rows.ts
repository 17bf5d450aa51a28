/**
 * The dry run's heart (issue 14 §3-4): every row of the table either becomes a planned household
 * with its real history, or is reported with the reason, never guessed. Pure: no database, no
 * clock (today is passed in). Duplicates (in the file and in the service) are the storage side's.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type {
  ImportFlag,
  ImportMapping,
  ImportProblem,
  PlannedHousehold,
  ReadTable,
} from './import-types.ts';
import { mappingProblems } from './mapping-schema.ts';
import { readRow } from './plan-cells.ts';
import { columnIndex, RowCells } from './row-cells.ts';
import { planHistory } from './plan-history.ts';

export interface PlannedRows {
  households: PlannedHousehold[];
  problems: ImportProblem[];
  flags: ImportFlag[];
}

/**
 * Plans every row of `table` with `mapping`. When the mapping itself has problems
 * (`mappingProblems`) nothing is planned and those are the problems. Otherwise each row gives a
 * household or one problem per bad cell (all of them, so one pass of fixing in Excel is enough);
 * `flags` are every planned household's flags, in row order. `today` (Europe/London) bounds the
 * dates; `fileName` is for the caller's consent wording ("imported from <file>") and is not read
 * here beyond that. Rules: plan-cells.ts (cells), plan-history.ts (history), plan-names.ts (names).
 */
export function planRows(
  table: ReadTable,
  mapping: ImportMapping,
  options: { fileName: string; today: IsoDate },
): PlannedRows {
  const mappingIssues = mappingProblems(table, mapping);
  if (mappingIssues.length > 0) return { households: [], problems: mappingIssues, flags: [] };
  const columns = columnIndex(table.headers, mapping);
  const households: PlannedHousehold[] = [];
  const problems: ImportProblem[] = [];
  const flags: ImportFlag[] = [];
  for (const { rowNumber, cells } of table.rows) {
    const row = new RowCells(rowNumber, cells, columns);
    const values = readRow(row, mapping, options.today);
    const history = values ? planHistory(row, values) : undefined;
    if (!values || !history) {
      problems.push(...row.problems);
      continue;
    }
    const { dates: _dates, status: _status, reason: _reason, ...household } = values;
    households.push({ row: rowNumber, ...household, events: history.events, flags: history.flags });
    flags.push(...history.flags);
  }
  return { households, problems, flags };
}
