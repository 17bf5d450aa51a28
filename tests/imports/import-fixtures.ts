/**
 * A small tracker whose outcome is worked out by hand: rows 2 and 3 are ready, row 4 has a date
 * that does not exist (31 February), row 5 a source nobody recognises ("Leaflet"), so with the
 * proposed mapping two rows import; mapping "Leaflet" to Other makes row 5 ready too.
 */
export const trackerCsv = [
  'Name,Enquiry date,Source,Postcode,IV date,Status,Email',
  'Ann Able,05/05/2024,Phone,NR1 1AA,20/05/2024,IV done,ann.able@example.org',
  'Ben Brown,12/06/2024,Facebook,NR2 2BB,,Withdrawn - finances,ben.brown@example.org',
  'Cat Cole,31/02/2024,Website,NR3 3CC,,Enquiry,cat.cole@example.org',
  'Dan Dale,01/07/2024,Leaflet,NR4 4DD,,Enquiry,dan.dale@example.org',
].join('\r\n');

/** Another team's rows (nobody in trackerCsv), all ready: to import and roll back untouched. */
export const secondCsv = [
  'First name,Surname,Date of enquiry,How did you hear,Postcode',
  'Eve,Evans,03/03/2025,Email,NR5 5EE',
  'Fay,Ford,04/03/2025,Phone,NR6 6FF',
].join('\r\n');

/** The rows of trackerCsv with a problem, by column, as the dry run must name them. */
export const expectedProblems = [
  { row: 4, column: 'Enquiry date', value: '31/02/2024' },
  { row: 5, column: 'Source', value: 'Leaflet' },
];

/** `POST /api/v1/imports` with a multipart body, as curl -F sends it. */
export async function postImport(
  baseUrl: string,
  token: string | undefined,
  parts: {
    file?: { name: string; content: string | Buffer };
    mapping?: string;
    mappingName?: string;
    sheet?: string;
  },
  query = '',
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  if (parts.file)
    form.append('file', new Blob([new Uint8Array(Buffer.from(parts.file.content))]), parts.file.name);
  if (parts.mapping !== undefined) form.append('mapping', parts.mapping);
  if (parts.sheet !== undefined) form.append('sheet', parts.sheet);
  if (parts.mappingName !== undefined) form.append('mappingName', parts.mappingName);
  const res = await fetch(`${baseUrl}/api/v1/imports${query}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: form,
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: body as any, headers: res.headers };
}
