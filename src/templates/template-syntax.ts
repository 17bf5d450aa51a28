/**
 * Checking what a manager typed: every ((placeholder)) and every optional part ((name??text))
 * must name a listed placeholder, and no "((" may be left unclosed.
 */
import { CONDITIONAL, PLACEHOLDER, placeholders } from './placeholders.ts';

const known = (name: string) => (placeholders as readonly string[]).includes(name);

/** Placeholders in a text that are not in the allowed set, each once, in the order they appear. */
export function unknownPlaceholders(text: string): string[] {
  const found: string[] = [];
  const rest = text.replace(CONDITIONAL, (_whole, name: string, inner: string) => {
    found.push(name.trim());
    for (const m of inner.matchAll(PLACEHOLDER)) found.push(m[1]!.trim());
    return ' ';
  });
  for (const m of rest.matchAll(PLACEHOLDER)) found.push(m[1]!.trim());
  return [...new Set(found.filter((name) => !known(name)))];
}

/** True when a "((" is left that is neither a placeholder nor an optional part. */
const unclosed = (text: string) => text.replace(CONDITIONAL, ' ').replace(PLACEHOLDER, ' ').includes('((');

/** A field message naming the unknown placeholders (or an unclosed one), or undefined if all is well. */
export function unknownPlaceholderMessage(text: string): string | undefined {
  const unknown = unknownPlaceholders(text);
  if (!unknown.length)
    return unclosed(text)
      ? 'Close every placeholder with two brackets, like ((first_name)) or ((next_session_date??text))'
      : undefined;
  const names = unknown.map((n) => `((${n}))`).join(', ');
  return unknown.length === 1
    ? `${names} is not a placeholder you can use. Use one of the placeholders listed`
    : `${names} are not placeholders you can use. Use the placeholders listed`;
}
