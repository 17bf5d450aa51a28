/**
 * The mapping page's form and the ImportMapping it stands for, both ways. Fields are flat and
 * indexed (`column-3`, `status-0`) so a header with dots or brackets in it ("Date (dd.mm.yy)")
 * cannot upset the form parser; the page keeps the order of the headers and values it showed.
 */
import { channels, routes } from '../enquiries/enquiry-options.ts';
import type { FieldIssue } from '../shared/errors.ts';
import { importFields, type ImportField, type ImportMapping, type ReadTable } from './import-types.ts';
import { valueKey } from './propose-mapping.ts';
import {
  IGNORE,
  reasonOptions,
  statusFromOption,
  statusOptionValue,
  type ValueKind,
} from './import-labels.ts';
import type { StatusValue } from './import-types.ts';

/** One distinct cell text of a value-mapped column: its key (trimmed, lower-cased) and as first written. */
export interface DistinctValue {
  key: string;
  text: string;
  /** Rows holding it. */
  count: number;
}
export type DistinctValues = Record<ValueKind, DistinctValue[]>;

/** Which value map a column's cells go through, by the field the column is mapped to. */
const kindOfField: Partial<Record<ImportField, ValueKind>> = {
  status: 'status',
  reason: 'reason',
  channel: 'channel',
  route: 'route',
};

/** At most this many distinct values per kind are offered (a free-text notes column mapped by mistake). */
export const MAX_DISTINCT_VALUES = 200;

/**
 * The distinct non-blank texts of the columns mapped to status, reason, channel and route, in order
 * of first appearance, plus any key the mapping already has (a saved mapping's), so nothing the
 * person chose before disappears from the page.
 */
export function valuesToMatch(
  table: Pick<ReadTable, 'headers' | 'rows'>,
  mapping: Pick<ImportMapping, 'columns' | 'values'>,
): DistinctValues {
  const found: DistinctValues = { status: [], reason: [], channel: [], route: [] };
  const byKey = new Map<string, DistinctValue>();
  table.headers.forEach((header, index) => {
    const field = mapping.columns[header];
    const kind = field && field !== IGNORE ? kindOfField[field] : undefined;
    if (!kind) return;
    for (const row of table.rows) {
      const text = (row.cells[index] ?? '').trim();
      if (!text) continue;
      const id = `${kind}\n${valueKey(text)}`;
      const seen = byKey.get(id);
      if (seen) seen.count += 1;
      else if (found[kind].length < MAX_DISTINCT_VALUES) {
        const value = { key: valueKey(text), text, count: 1 };
        byKey.set(id, value);
        found[kind].push(value);
      }
    }
  });
  return found;
}

/** The form's values for a mapping: what the selects show as chosen. */
export function formFromMapping(
  headers: readonly string[],
  values: DistinctValues,
  mapping: ImportMapping,
): Record<string, string> {
  const form: Record<string, string> = { dateOrder: mapping.dateOrder };
  headers.forEach((header, i) => (form[`column-${i}`] = mapping.columns[header] ?? IGNORE));
  values.status.forEach((v, i) => {
    const chosen = mapping.values.status[v.key];
    form[`status-${i}`] = chosen ? statusOptionValue(chosen) : '';
  });
  for (const kind of ['reason', 'channel', 'route'] as const) {
    values[kind].forEach((v, i) => (form[`${kind}-${i}`] = mapping.values[kind][v.key] ?? ''));
  }
  return form;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

const reasonCodes = new Set(reasonOptions.map((o) => o.value));

/** The ImportMapping's value for one select's option, or undefined when it is not one offered. */
function chosenValue(kind: ValueKind, option: string) {
  switch (kind) {
    case 'status':
      return statusFromOption(option);
    case 'reason':
      return reasonCodes.has(option) ? option : undefined;
    case 'channel':
      return (channels as readonly string[]).includes(option) ? option : undefined;
    case 'route':
      return (routes as readonly string[]).includes(option) ? option : undefined;
  }
}

const KINDS = ['status', 'reason', 'channel', 'route'] as const;

/** What the form posted for each value it showed, by value key (each select carries its key). */
function postedChoices(body: Record<string, unknown>, kind: ValueKind) {
  const choices = new Map<string, string>();
  for (let i = 0; i < MAX_DISTINCT_VALUES; i++) {
    const key = body[`${kind}-${i}-key`];
    if (typeof key !== 'string') break;
    choices.set(key, text(body[`${kind}-${i}`]));
  }
  return choices;
}

/** The column mapping the form posted (unknown or missing choices are reported, not guessed). */
export function columnsFromForm(body: Record<string, unknown>, headers: readonly string[]) {
  const issues: FieldIssue[] = [];
  const columns: ImportMapping['columns'] = {};
  headers.forEach((header, i) => {
    const chosen = text(body[`column-${i}`]) || IGNORE;
    if (chosen === IGNORE || (importFields as readonly string[]).includes(chosen))
      columns[header] = chosen as ImportField | 'ignore';
    else issues.push({ path: `column-${i}`, message: `Choose what the column “${header}” holds` });
  });
  return { columns, issues };
}

/**
 * The mapping the form posted, the form values to show it again with, and an issue on each select
 * still to choose. The values to match follow the columns as posted: when the person maps another
 * column to status, reason, source or route, its words are new to the page, so each is shown (with
 * the vocabulary's suggestion, from `suggest`, already chosen) before anything is checked.
 */
export function mappingFromForm(
  body: Record<string, unknown>,
  table: Pick<ReadTable, 'headers' | 'rows'>,
  suggest: (columns: ImportMapping['columns']) => ImportMapping['values'],
): { mapping: ImportMapping; values: DistinctValues; form: Record<string, string>; issues: FieldIssue[] } {
  const { columns, issues } = columnsFromForm(body, table.headers);
  const values = valuesToMatch(table, {
    columns,
    values: { status: {}, reason: {}, channel: {}, route: {} },
  });
  const suggestions = suggest(columns);
  const mapped: ImportMapping['values'] = { status: {}, reason: {}, channel: {}, route: {} };
  const form: Record<string, string> = {};
  table.headers.forEach((header, i) => (form[`column-${i}`] = columns[header] ?? IGNORE));
  for (const kind of KINDS) {
    const posted = postedChoices(body, kind);
    values[kind].forEach((v, i) => {
      const path = `${kind}-${i}`;
      const shown = posted.has(v.key);
      const suggested = suggestions[kind][v.key];
      const option = shown
        ? posted.get(v.key)!
        : suggested === undefined
          ? ''
          : kind === 'status'
            ? statusOptionValue(suggested as StatusValue)
            : String(suggested);
      form[path] = option;
      const value = chosenValue(kind, option);
      if (value !== undefined && shown) (mapped[kind] as Record<string, unknown>)[v.key] = value;
      else
        issues.push({
          path,
          message: value === undefined ? `Choose what “${v.text}” means` : `Check what “${v.text}” means`,
        });
    });
  }
  const order = text(body.dateOrder);
  if (order !== 'dmy' && order !== 'mdy')
    issues.push({ path: 'dateOrder', message: 'Choose how dates like 03/04/2024 are written' });
  form.dateOrder = order;
  const dateOrder = order === 'mdy' ? 'mdy' : 'dmy';
  return { mapping: { columns, values: mapped, dateOrder }, values, form, issues };
}
