/**
 * Reads what a page offers a person, as a browser would see it: the links and POST forms inside
 * `<main>`, and fills a form with the values a person would give (kept values, the checked or first
 * choice, and a valid date where a date is asked for). No HTML library: GOV.UK markup is regular.
 */

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? '');
  return out;
}

export const mainOf = (html: string) => /<main\b[\s\S]*?<\/main>/.exec(html)?.[0] ?? '';

export interface PageForm {
  action: string;
  /** The text of its submit button, to name it in failures. */
  button: string;
  fields: Record<string, string>;
}

/** Links inside <main> to pages of this app (not anchors, not downloads). */
export function linksIn(html: string) {
  return [...mainOf(html).matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)]
    .map((m) => ({ href: attributes(m[1]!).href ?? '', text: m[2]!.replace(/<[^>]+>/g, '').trim() }))
    .filter((l) => l.href.startsWith('/'));
}

/**
 * POST forms inside <main>, each filled as a person would: `dates` gives the date (YYYY-MM-DD) to
 * type into an empty GOV.UK date input by its name; other empty text boxes get `text(name)`.
 */
export function formsIn(
  html: string,
  fill: { dates: (name: string) => string | undefined; text: (name: string) => string },
): PageForm[] {
  const forms: PageForm[] = [];
  for (const m of mainOf(html).matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(m[1]!);
    if ((attrs.method ?? 'get').toLowerCase() !== 'post') continue;
    const body = m[2]!;
    const fields: Record<string, string> = {};
    const radios = new Map<string, { value: string; checked: boolean }[]>();
    for (const input of body.matchAll(/<input\b([^>]*)>/g)) {
      const a = attributes(input[1]!);
      const name = a.name;
      if (!name || name === '_csrf' || 'disabled' in a) continue;
      const type = (a.type ?? 'text').toLowerCase();
      if (type === 'radio') {
        radios.set(name, [...(radios.get(name) ?? []), { value: a.value ?? '', checked: 'checked' in a }]);
      } else if (type === 'checkbox') {
        if ('checked' in a) fields[name] = a.value ?? 'on';
      } else if (a.value) {
        fields[name] = a.value;
      } else {
        const part = /^(.+)\[(day|month|year)\]$/.exec(name);
        if (part) {
          const iso = fill.dates(part[1]!);
          if (iso) {
            const [y, mo, d] = iso.split('-');
            fields[name] =
              part[2] === 'day' ? String(Number(d)) : part[2] === 'month' ? String(Number(mo)) : y!;
          }
        } else {
          fields[name] = fill.text(name);
        }
      }
    }
    for (const [name, options] of radios)
      fields[name] = (options.find((o) => o.checked) ?? options[0]!).value;
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attributes(select[1]!).name;
      if (!name) continue;
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]!));
      const chosen = options.find((o) => 'selected' in o) ?? options.find((o) => o.value) ?? options[0];
      fields[name] = chosen?.value ?? '';
    }
    for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attributes(area[1]!).name;
      if (name) fields[name] = decode(area[2]!.trim()) || fill.text(name);
    }
    const button =
      /<button\b[^>]*>([\s\S]*?)<\/button>/
        .exec(body)?.[1]
        ?.replace(/<[^>]+>/g, '')
        .trim() ?? '';
    forms.push({ action: attrs.action ?? '', button, fields });
  }
  return forms;
}
