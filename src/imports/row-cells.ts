/**
 * A tracker row's cells looked up by field, and the problems found in them (used by the planner's
 * readers: plan-cells.ts, plan-people.ts, plan-history.ts).
 */
import type { ImportField, ImportMapping, ImportProblem } from './import-types.ts';
import { fieldLabels } from './mapping-schema.ts';
import { ownValue } from './propose-mapping.ts';
import type { TrackerDate } from './tracker-dates.ts';

/**
 * Where each mapped field is in the row, and its header for messages; with the results of checks
 * that are slow (date-fns, libphonenumber) and repeat across a tracker's rows, kept for one plan.
 */
export interface ColumnIndex {
  index: Map<ImportField, number>;
  header: Map<ImportField, string>;
  seen: { dates: Map<string, TrackerDate>; phones: Map<string, boolean> };
}

export function columnIndex(headers: string[], mapping: ImportMapping): ColumnIndex {
  const index = new Map<ImportField, number>();
  const header = new Map<ImportField, string>();
  headers.forEach((name, i) => {
    const field = ownValue(mapping.columns, name);
    if (field && field !== 'ignore' && !index.has(field)) {
      index.set(field, i);
      header.set(field, name);
    }
  });
  return { index, header, seen: { dates: new Map(), phones: new Map() } };
}

/** A row's cells by field, and the problems found so far. */
export class RowCells {
  readonly problems: ImportProblem[] = [];

  constructor(
    readonly rowNumber: number,
    private readonly cells: string[],
    private readonly columns: ColumnIndex,
  ) {}

  get seen() {
    return this.columns.seen;
  }

  has = (field: ImportField) => this.columns.index.has(field);
  cell = (field: ImportField) => this.cells[this.columns.index.get(field) ?? -1]?.trim() ?? '';
  header = (field: ImportField) => this.columns.header.get(field) ?? fieldLabels[field];

  /** A problem with the cell of `field` (its header and text), or with the row (`field` null). */
  problem(field: ImportField | null, message: string) {
    this.problems.push({
      row: this.rowNumber,
      column: field ? this.header(field) : null,
      value: field ? this.cell(field) : null,
      message,
    });
  }
}

/** The result of `check` for `key`, computed once per plan. */
export function remember<T>(seen: Map<string, T>, key: string, check: () => T): T {
  let result = seen.get(key);
  if (result === undefined) seen.set(key, (result = check()));
  return result;
}
