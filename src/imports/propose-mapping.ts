/**
 * The importer's first guess at a mapping (issue 14 §2): which field each column holds, and what each
 * free-text status, reason, source and route means. Only what the vocabulary knows for certain is
 * proposed; everything else is left for the person to choose, never guessed.
 */
import type { ImportField, ImportMapping, ProposedMapping, ReadTable } from './import-types.ts';
import { headerLookup, lookup, vocabularyKey, wordKey } from './vocabulary.ts';
import { channelWords, reasonWords, routeWords, statusWords } from './vocabulary-values.ts';

/** The value maps, and the field whose column feeds each. */
export const valueMapFields = {
  status: 'status',
  reason: 'reason',
  channel: 'channel',
  route: 'route',
} as const satisfies Record<keyof ImportMapping['values'], ImportField>;

type ValueMapName = keyof typeof valueMapFields;

const vocabularies = {
  status: lookup(statusWords),
  reason: lookup(reasonWords),
  channel: lookup(channelWords),
  route: lookup(routeWords),
};

/**
 * A record's own value for a key that came from a file or a request: never an inherited one, so a
 * header or cell reading "constructor" or "__proto__" is just text.
 */
export const ownValue = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** Sets a record's own property, even for the key "__proto__". */
export function setOwn<T>(record: Record<string, T>, key: string, value: T) {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** How value maps are keyed: the cell text trimmed and lower-cased (import-types.ts). */
export const valueKey = (cell: string) => cell.trim().toLowerCase();

/** A mapping with no columns and no values: day-first dates, as English trackers write them. */
export const emptyMapping = (): ImportMapping => ({
  columns: {},
  values: { status: {}, reason: {}, channel: {}, route: {} },
  dateOrder: 'dmy',
});

/**
 * Proposes a mapping for the table. A `saved` mapping (last month's, by name) is applied first: its
 * choice for every header of this file it names, all of its value choices, and its date order.
 * Other headers are matched against the vocabulary (case, punctuation and spacing ignored); a
 * field already taken by an earlier column is not proposed twice. Then every distinct non-blank
 * value of the status, reason, source and route columns is looked up; values neither the saved
 * mapping nor the vocabulary knows are listed in `unmappedValues` (keyed as in the value maps).
 */
export function proposeMapping(table: ReadTable, saved?: ImportMapping): ProposedMapping {
  const mapping = emptyMapping();
  if (saved) {
    mapping.dateOrder = saved.dateOrder;
    for (const name of Object.keys(mapping.values) as ValueMapName[])
      for (const [key, value] of Object.entries(saved.values[name]))
        setOwn(mapping.values[name] as Record<string, unknown>, key, value);
  }
  const unrecognisedColumns = proposeColumns(table.headers, mapping, saved);
  const unmappedValues = {
    status: [],
    reason: [],
    channel: [],
    route: [],
  } as ProposedMapping['unmappedValues'];
  for (const name of Object.keys(valueMapFields) as ValueMapName[]) {
    for (const key of distinctValues(table, mapping, valueMapFields[name])) {
      const known = mapping.values[name] as Record<string, unknown>;
      if (Object.hasOwn(known, key)) continue;
      const meaning = vocabularies[name].get(wordKey(key));
      if (meaning === undefined) unmappedValues[name].push(key);
      else setOwn(known, key, meaning);
    }
  }
  return { mapping, unrecognisedColumns, unmappedValues };
}

function proposeColumns(headers: string[], mapping: ImportMapping, saved?: ImportMapping): string[] {
  const unrecognised: string[] = [];
  const taken = new Set<ImportField>();
  for (const header of headers) {
    const choice = saved ? ownValue(saved.columns, header) : undefined;
    if (choice !== undefined) {
      setOwn(mapping.columns, header, choice);
      if (choice !== 'ignore') taken.add(choice);
    }
  }
  for (const header of headers) {
    if (Object.hasOwn(mapping.columns, header)) continue;
    const field = headerLookup.get(vocabularyKey(header));
    if (field && !taken.has(field)) {
      setOwn(mapping.columns, header, field);
      taken.add(field);
    } else {
      setOwn(mapping.columns, header, 'ignore');
      unrecognised.push(header);
    }
  }
  return unrecognised;
}

/** The distinct non-blank value keys of the column mapped to `field`, in first-seen order. */
export function distinctValues(table: ReadTable, mapping: ImportMapping, field: ImportField): string[] {
  const index = table.headers.findIndex((header) => ownValue(mapping.columns, header) === field);
  if (index < 0) return [];
  const keys = new Set<string>();
  for (const row of table.rows) {
    const key = valueKey(row.cells[index] ?? '');
    if (key !== '') keys.add(key);
  }
  return [...keys];
}
