/**
 * Email templates: plain text with GOV.UK Notify-style ((placeholders)). Pure functions, no I/O.
 * The HTML version is generated here from the text — escaped first, then paragraphs and links —
 * so neither a template nor a value can put raw HTML into an email.
 */

export const placeholders = [
  'first_name',
  'officer_name',
  'agency_name',
  'event_title',
  'event_when',
  'event_where',
  'next_session_date',
  'stage',
] as const;
export type Placeholder = (typeof placeholders)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string | null | undefined>>;

/** What each placeholder becomes, for the hint on the edit page. */
export const placeholderDescriptions: Record<Placeholder, string> = {
  first_name: 'the first name of the person we are writing to',
  officer_name: 'the name of their fostering officer',
  agency_name: 'the name of your fostering service',
  event_title: 'the name of the session or event',
  event_when: 'its date and time, like 4 March 2031 at 7pm',
  event_where: 'where it is: the venue, or the joining link if it is online',
  next_session_date: 'the date of the next information session',
  stage: 'where they are now, in plain words, like "your assessment has started"',
};

const PLACEHOLDER = /\(\(([^()]*)\)\)/g;

const isPlaceholder = (name: string): name is Placeholder =>
  (placeholders as readonly string[]).includes(name);

/** Placeholders in a text that are not in the allowed set, each once, in the order they appear. */
export function unknownPlaceholders(text: string): string[] {
  const found = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
  return [...new Set(found.filter((name) => !isPlaceholder(name)))];
}

/** A field message naming the unknown placeholders, or undefined if there are none. */
export function unknownPlaceholderMessage(text: string): string | undefined {
  const unknown = unknownPlaceholders(text);
  if (!unknown.length) return undefined;
  const names = unknown.map((n) => `((${n}))`).join(', ');
  return unknown.length === 1
    ? `${names} is not a placeholder you can use. Use one of the placeholders listed`
    : `${names} are not placeholders you can use. Use the placeholders listed`;
}

const fill = (text: string, values: PlaceholderValues) =>
  text.replace(PLACEHOLDER, (whole, raw: string) => {
    const name = raw.trim();
    return isPlaceholder(name) ? (values[name] ?? '') : whole;
  });

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const URL = /https?:\/\/[^\s<>"']+/g;

/** Escapes a line and turns http(s) addresses into links (trailing punctuation stays outside). */
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

/**
 * Fills the placeholders (a missing value becomes nothing) and builds the plain-text and HTML
 * versions. Paragraphs are separated by blank lines; a paragraph left empty (say, a venue line
 * for an online event with no link yet) is dropped.
 */
export function render(subject: string, body: string, values: PlaceholderValues) {
  const paragraphs = fill(body.replace(/\r\n?/g, '\n'), values)
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean);
  return {
    subject: fill(subject, values).replace(/\s+/g, ' ').trim(),
    text: paragraphs.join('\n\n'),
    html: paragraphs.map((p) => `<p>${p.split('\n').map(linkify).join('<br>\n')}</p>`).join('\n'),
  };
}
