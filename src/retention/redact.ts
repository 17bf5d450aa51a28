import { ANONYMISED } from './anonymise.repo.ts';

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every occurrence of the values (case-insensitive) replaced by "Anonymised". */
export function redactText(text: string, values: readonly string[]): string {
  const sorted = [...values].filter(Boolean).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return text;
  return text.replace(new RegExp(sorted.map(escape).join('|'), 'gi'), ANONYMISED);
}

/**
 * A JSON value with every string naming one of the values replaced, and every value under one of
 * `keys` (wherever it is nested) replaced by "Anonymised" (null stays null).
 */
export function redactJson(value: unknown, values: readonly string[], keys: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, values);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, values, keys));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        keys.includes(k) ? redactKeyed(v, values, keys) : redactJson(v, values, keys),
      ]),
    );
  }
  return value;
}

/** Under a personal key: `{ from, to }` pairs keep their shape, with each side anonymised. */
function redactKeyed(value: unknown, values: readonly string[], keys: readonly string[]): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? null : ANONYMISED]));
  }
  return typeof value === 'string' || typeof value === 'number'
    ? ANONYMISED
    : redactJson(value, values, keys);
}
