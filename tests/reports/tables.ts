/** Reading a page's tables and a CSV download back into rows of cells, to compare them. */

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (html: string) => html.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => entities[e]!);
const textOf = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

/** The cells of the first table inside the element with this id (headers included). */
export function tableCells(html: string, id: string): string[][] {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`No element with id ${id}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!)),
  );
}

/** The value of an href on the page, entities decoded. */
export const hrefOf = (html: string, pattern: RegExp) => decode(pattern.exec(html)?.[1] ?? '');

/** RFC 4180 records (quoted fields, doubled quotes, CRLF), without the byte order mark. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
