/**
 * Email templates: plain text with GOV.UK Notify-style ((placeholders)) and optional content
 * ((name??text)) — the text is shown only when `name` has a value, and may itself hold
 * placeholders: `((next_session_date??Our next session is on ((next_session_date)).))`.
 * Pure functions, no I/O.
 *
 * What people type is shown as they typed it, and nothing else:
 * - the HTML version is generated here from the text, escaped, so neither a template nor a value
 *   can put raw HTML into an email;
 * - only web addresses written in the template itself become links. A value (a name, a title) is
 *   always plain text, and its address-like words are broken with invisible zero-width spaces
 *   (in the HTML and the plain-text version) so mail clients do not turn them into links either. The one exception is a `LinkValue`,
 *   which the system builds from an address staff entered and the schema checked (an event's
 *   joining link, https:// only);
 * - a value's line breaks and control characters become spaces: a value cannot add paragraphs.
 */
import { CONDITIONAL, PLACEHOLDER, placeholders, type Placeholder } from './placeholders.ts';

export { placeholderDescriptions, placeholders, type Placeholder } from './placeholders.ts';
export { unknownPlaceholderMessage, unknownPlaceholders } from './template-syntax.ts';

/** Text followed by a link, built by the system from a checked http(s) address. */
export interface LinkValue {
  text: string;
  url: string;
}
export type PlaceholderValue = string | LinkValue | null | undefined;
export type PlaceholderValues = Partial<Record<Placeholder, PlaceholderValue>>;

const MARK = /\uE000(\d+)\uE001/g;
const MARK_CHARS = /[\uE000\uE001]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

const isPlaceholder = (name: string): name is Placeholder =>
  (placeholders as readonly string[]).includes(name);

/** A value as one line of plain text: control characters and line breaks become single spaces. */
const clean = (s: string) => s.replace(CONTROL, ' ').replace(MARK_CHARS, '').replace(/\s+/g, ' ').trim();

interface Segment {
  text: string;
  url?: string;
}

function segmentOf(value: PlaceholderValue): Segment | undefined {
  if (value == null) return undefined;
  if (typeof value === 'string') {
    const text = clean(value);
    return text ? { text } : undefined;
  }
  const url = value.url.trim();
  if (!/^https?:\/\/[^\s<>"']+$/i.test(url)) {
    const text = clean(`${value.text} ${value.url}`);
    return text ? { text } : undefined;
  }
  return { text: clean(value.text), url };
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const URL = /https?:\/\/[^\s<>"'\uE000\uE001]+/g;

/** Escapes template text and turns the http(s) addresses written in it into links. */
function linkify(line: string) {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(URL)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += escapeHtml(line.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

/** Words that mail clients would auto-link: web and email addresses, bare domains. */
const LINK_LIKE = /\S*(?::\/\/|www\.|@|\.[a-z]{2,})\S*/gi;

/** A value as HTML: escaped, with a zero-width space after each . : / @ of address-like words. */
function plainHtml(text: string) {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(LINK_LIKE)) {
    html += escapeHtml(text.slice(last, match.index));
    html += escapeHtml(match[0]).replace(/([.:/@])/g, '$1&#8203;');
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

function segmentHtml(segment: Segment) {
  const text = plainHtml(segment.text);
  if (!segment.url) return text;
  const url = escapeHtml(segment.url);
  return `${text}${text ? ' ' : ''}<a href="${url}">${url}</a>`;
}

/** A value as plain text: as typed, with an invisible zero-width space after each . : / @ of address-like words, so mail clients that auto-link plain text do not link it. */
const plainText = (text: string) => text.replace(LINK_LIKE, (word) => word.replace(/([.:/@])/g, '$1\u200B'));

const segmentText = (segment: Segment) =>
  segment.url ? [plainText(segment.text), segment.url].filter(Boolean).join(' ') : plainText(segment.text);

/** Resolves optional parts, then puts a marker (an index into `segments`) for each filled value. */
function fill(text: string, values: PlaceholderValues, segments: Segment[]) {
  const valueOf = (raw: string) => {
    const name = raw.trim();
    return isPlaceholder(name) ? segmentOf(values[name]) : undefined;
  };
  return text
    .replace(MARK_CHARS, '')
    .replace(CONDITIONAL, (_whole, name: string, inner: string) => (valueOf(name) ? inner : ''))
    .replace(PLACEHOLDER, (whole, raw: string) => {
      if (!isPlaceholder(raw.trim())) return whole;
      const segment = valueOf(raw);
      if (!segment) return '';
      segments.push(segment);
      return `\uE000${segments.length - 1}\uE001`;
    });
}

const lineText = (line: string, segments: Segment[]) =>
  line.replace(MARK, (_m, i: string) => segmentText(segments[Number(i)]!));

function lineHtml(line: string, segments: Segment[]) {
  const parts = line.split(MARK);
  return parts.map((part, i) => (i % 2 ? segmentHtml(segments[Number(part)]!) : linkify(part))).join('');
}

/**
 * Fills the placeholders (a missing or blank value becomes nothing, and its optional parts are
 * left out) and builds the plain-text and HTML versions. Paragraphs are separated by blank lines;
 * spaces left doubled by an empty value are closed up, and a line or paragraph left empty (say, a
 * venue line for an online event with no link yet) is dropped.
 */
export function render(subject: string, body: string, values: PlaceholderValues) {
  const segments: Segment[] = [];
  const paragraphs = fill(body.replace(/\r\n?/g, '\n'), values, segments)
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.replace(/[ \t]{2,}/g, ' ').trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0);
  const subjectSegments: Segment[] = [];
  const filledSubject = fill(subject, values, subjectSegments);
  return {
    subject: lineText(filledSubject, subjectSegments).replace(/\s+/g, ' ').trim(),
    text: paragraphs.map((lines) => lines.map((l) => lineText(l, segments)).join('\n')).join('\n\n'),
    html: paragraphs
      .map((lines) => `<p>${lines.map((l) => lineHtml(l, segments)).join('<br>\n')}</p>`)
      .join('\n'),
  };
}
