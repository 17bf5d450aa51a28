/**
 * Helpers that turn what HTML forms send into the shapes the zod schemas (shared with the API)
 * expect: GOV.UK date inputs, optional repeated rows, checkboxes.
 */

type FormValue = string | string[] | FormObject | FormValue[] | undefined;
interface FormObject {
  [key: string]: FormValue;
}

/** `{ day: '5', month: '3', year: '2024' }` → `'2024-03-05'`; blank → undefined; partial → kept recognisably invalid. */
export function dateFromParts(parts: unknown): string | undefined {
  if (typeof parts === 'string') return parts.trim() || undefined;
  if (!parts || typeof parts !== 'object') return undefined;
  const { day = '', month = '', year = '' } = parts as Record<string, string>;
  const [d = '', m = '', y = ''] = [day, month, year].map((v) => String(v).trim());
  if (!d && !m && !y) return undefined;
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** True when every leaf of a form row is blank: the row was left empty and means "none". */
export function isBlankRow(row: unknown): boolean {
  if (row === undefined || row === null) return true;
  if (typeof row === 'string') return row.trim() === '';
  if (Array.isArray(row)) return row.every(isBlankRow);
  if (typeof row === 'object') return Object.values(row as FormObject).every(isBlankRow);
  return false;
}

/** qs gives `{ '0': {...}, '1': {...} }` or an array for indexed fields: always an array, blanks dropped. */
export function rowsOf(value: unknown): unknown[] {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
  return list.filter((row) => !isBlankRow(row));
}

/** A GOV.UK checkbox group posts only the ticked values: turn them into `{ value: true }`. */
export function checkedSet(value: unknown, all: readonly string[]): Record<string, boolean> {
  const ticked = new Set(Array.isArray(value) ? value.map(String) : value ? [String(value)] : []);
  return Object.fromEntries(all.map((v) => [v, ticked.has(v)]));
}
