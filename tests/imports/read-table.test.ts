import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/imports/read-table.ts';
import type { AppError } from '../../src/shared/errors.ts';

// One small tracker: accents and a curly apostrophe, a comma and a semicolon and quotes inside
// cells, a blank spreadsheet row (row 3) and a cell over two lines.
const headers = ['Name', 'Enquiry date', 'Source', 'Notes'];
const data: (string[] | null)[] = [
  ['Zoë O’Brien', '2024-03-03', 'Website', 'Café visit; said "maybe"'],
  null,
  ['Smith, Jane', '2024-03-04', 'Facebook', ''],
  ['Ann Lee', '2024-03-05', 'Phone', 'Line one\nLine two'],
];
const expectedRows = [
  { rowNumber: 2, cells: ['Zoë O’Brien', '2024-03-03', 'Website', 'Café visit; said "maybe"'] },
  { rowNumber: 4, cells: ['Smith, Jane', '2024-03-04', 'Facebook', ''] },
  { rowNumber: 5, cells: ['Ann Lee', '2024-03-05', 'Phone', 'Line one\nLine two'] },
];

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
const csv = (delimiter: string, lineEnd = '\r\n') =>
  [headers, ...data]
    .map((cells) => (cells ?? []).map((c) => (/[",;\t\n]/.test(c) ? quote(c) : c)).join(delimiter))
    .join(lineEnd) + lineEnd;

// Windows-1252 by hand: ASCII as is, and the three non-ASCII letters of the fixture.
const WINDOWS_1252: Record<string, number> = { é: 0xe9, ë: 0xeb, '’': 0x92 };
function windows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = char.charCodeAt(0);
      if (code < 0x80) return code;
      const byte = WINDOWS_1252[char];
      if (byte === undefined) throw new Error(`no Windows-1252 byte for ${char} in this test`);
      return byte;
    }),
  );
}

async function xlsx(sheets: Record<string, (ExcelJS.CellValue[] | null)[]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((cells, i) => {
      if (cells) sheet.getRow(i + 1).values = cells;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => expect.unreachable('should have been refused'),
    (e: unknown) => e,
  )) as AppError;
  expect(error.name).toBe('AppError');
  expect(error.code).toBe('validation');
  return error.issues;
}

describe('readTable: the same table from every kind of file', () => {
  it('reads CSV UTF-8 with commas', async () => {
    const table = await readTable(Buffer.from(csv(','), 'utf8'), { fileName: 'tracker.csv' });
    expect(table).toEqual({ format: 'csv', encoding: 'utf-8', delimiter: ',', headers, rows: expectedRows });
  });

  it('reads CSV UTF-8 with a BOM and semicolons', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(';'), 'utf8')]);
    const table = await readTable(bytes, { fileName: 'tracker.csv' });
    expect(table).toEqual({
      format: 'csv',
      encoding: 'utf-8-bom',
      delimiter: ';',
      headers,
      rows: expectedRows,
    });
  });

  it('reads CSV Windows-1252 with tabs (0x92 is ’, 0xE9 is é)', async () => {
    const bytes = windows1252(csv('\t', '\n'));
    expect(bytes.includes(0x92)).toBe(true);
    const table = await readTable(bytes, { fileName: 'TRACKER.TXT' });
    expect(table).toEqual({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: '\t',
      headers,
      rows: expectedRows,
    });
  });

  it('reads XLSX, the first sheet by default, date cells as YYYY-MM-DD', async () => {
    const dated = data.map((row) =>
      row ? row.map((cell, i) => (i === 1 ? new Date(`${cell}T00:00:00Z`) : cell)) : null,
    );
    const file = await xlsx({ Tracker: [headers, ...dated], Other: [['Nothing']] });
    const table = await readTable(file, { fileName: 'tracker.xlsx' });
    expect(table).toEqual({
      format: 'xlsx',
      encoding: 'xlsx',
      sheets: ['Tracker', 'Other'],
      sheet: 'Tracker',
      headers,
      rows: expectedRows,
    });
  });
});

describe('readTable: XLSX cells and sheets', () => {
  it('gives numbers, rich text, hyperlinks, formula results and booleans as their text', async () => {
    const row: ExcelJS.CellValue[] = [
      45352,
      2.5,
      { richText: [{ text: 'Jane ' }, { text: 'Smith', font: { bold: true } }] },
      { text: 'jane@example.com', hyperlink: 'mailto:jane@example.com' },
      { formula: 'A2+1', result: 45353 },
      { formula: 'TODAY()', result: new Date('2024-03-05T00:00:00Z') },
      true,
      { error: '#N/A' },
    ];
    const headerRow = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const table = await readTable(await xlsx({ Sheet1: [headerRow, row] }), { fileName: 'x.xlsx' });
    expect(table.rows).toEqual([
      {
        rowNumber: 2,
        cells: ['45352', '2.5', 'Jane Smith', 'jane@example.com', '45353', '2024-03-05', 'TRUE', '#N/A'],
      },
    ]);
  });

  it('reads the sheet chosen by name', async () => {
    const file = await xlsx({ '2023': [['Name'], ['Old']], '2024': [['Name'], ['New']] });
    const table = await readTable(file, { fileName: 'x.xlsx', sheet: '2024' });
    expect(table.sheet).toBe('2024');
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['New'] }]);
  });

  it('refuses an unknown sheet on the field sheet, listing the sheets', async () => {
    const file = await xlsx({ Tracker: [['Name']], Archive: [['Name']] });
    expect(await refusal(readTable(file, { fileName: 'x.xlsx', sheet: 'Enquiries' }))).toEqual([
      {
        path: 'sheet',
        message: 'The workbook has no sheet called "Enquiries": choose one of "Tracker", "Archive"',
      },
    ]);
  });

  it('refuses a damaged workbook', async () => {
    const file = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)]);
    const issues = await refusal(readTable(file, { fileName: 'x.xlsx' }));
    expect(issues[0]!.path).toBe('file');
    expect(issues[0]!.message).toContain('could not be opened');
  });
});

describe('readTable: headers and rows', () => {
  it('names blank headers "Column N" and repeated ones "Date (2)", and widens to the longest row', async () => {
    const text = 'Name,,Date,date\nJane Smith,x,1/1/24,2/1/24,extra\n';
    const table = await readTable(Buffer.from(text), { fileName: 't.csv' });
    expect(table.headers).toEqual(['Name', 'Column 2', 'Date', 'date (2)', 'Column 5']);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['Jane Smith', 'x', '1/1/24', '2/1/24', 'extra'] }]);
  });

  it('trims cells, skips blank rows (also rows of empty cells) and keeps the numbering', async () => {
    const text = 'Name;Postcode\n\n ;  \n  Jane Smith ; nr1 3qu\n';
    const table = await readTable(Buffer.from(text), { fileName: 't.csv' });
    expect(table.rows).toEqual([{ rowNumber: 4, cells: ['Jane Smith', 'nr1 3qu'] }]);
  });

  it('takes the first non-blank row as the header, numbering rows as Excel does', async () => {
    const table = await readTable(Buffer.from('\n\nName\nJane Smith\n'), { fileName: 't.csv' });
    expect(table.headers).toEqual(['Name']);
    expect(table.rows).toEqual([{ rowNumber: 4, cells: ['Jane Smith'] }]);
  });

  it('finds the headings below a title line, numbering rows as Excel does', async () => {
    const text =
      'Fostering enquiries 2023-24,,\nUpdated monthly,,\nName,Enquiry date,Source\nJane Smith,1/1/24,Web\n';
    const table = await readTable(Buffer.from(text), { fileName: 't.csv' });
    expect(table.headers).toEqual(['Name', 'Enquiry date', 'Source']);
    expect(table.rows).toEqual([{ rowNumber: 4, cells: ['Jane Smith', '1/1/24', 'Web'] }]);
  });

  it('detects the delimiter below a title line that has none', async () => {
    const text = 'Fostering enquiries\nName;Enquiry date;Notes\nJane Smith;1/1/24;a, b\n';
    const table = await readTable(Buffer.from(text), { fileName: 't.csv' });
    expect(table.delimiter).toBe(';');
    expect(table.rows).toEqual([{ rowNumber: 3, cells: ['Jane Smith', '1/1/24', 'a, b'] }]);
  });

  it('reads a quote inside an unquoted cell as text', async () => {
    const table = await readTable(Buffer.from('Name,Notes\nJane "JJ" Smith,ok\n'), { fileName: 't.csv' });
    expect(table.rows[0]!.cells).toEqual(['Jane "JJ" Smith', 'ok']);
  });

  it('detects the delimiter from the header line, ignoring delimiters inside quotes', async () => {
    const text = '"Name, full";"Date, of enquiry";Source\n"Smith, Jane";1/1/24;Web\n';
    const table = await readTable(Buffer.from(text), { fileName: 't.csv' });
    expect(table.delimiter).toBe(';');
    expect(table.headers).toEqual(['Name, full', 'Date, of enquiry', 'Source']);
  });

  it('follows Excel\'s "sep=" line and numbers rows after it', async () => {
    const table = await readTable(Buffer.from('sep=;\nName;Date\nJane, Smith;1/1/24\n'), {
      fileName: 't.csv',
    });
    expect(table.delimiter).toBe(';');
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['Jane, Smith', '1/1/24'] }]);
  });
});

describe('readTable: files it refuses, on the field file', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), 't.csv', 'The file is empty'],
    ['a file of blank lines', Buffer.from('\r\n\r\n  \r\n'), 't.csv', 'The file is empty'],
    ['a file of empty cells', Buffer.from(',,\n , ,\n'), 't.csv', 'The file is empty'],
    ['a file with no header row', Buffer.from('1,2024-01-01\n2,2024-01-02\n'), 't.csv', 'column headings'],
    [
      'a PDF',
      Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n'),
      'tracker.pdf',
      'must be a CSV file or an Excel workbook',
    ],
    ['binary', Buffer.from([0x00, 0x01, 0x02, 0x41]), 'tracker', 'must be a CSV file or an Excel workbook'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 't.xls', 'old Excel file'],
    ['UTF-16', Buffer.from([0xff, 0xfe, 0x4e, 0x00]), 't.txt', 'UTF-16'],
    [
      'an unclosed quote',
      Buffer.from('Name,Notes\nJane,"never closed\n'),
      't.csv',
      'could not be read as CSV',
    ],
  ])('refuses %s', async (_, file, fileName, message) => {
    const issues = await refusal(readTable(file, { fileName }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('file');
    expect(issues[0]!.message).toContain(message);
  });

  it('refuses more than 200,000 rows, and takes exactly 200,000', async () => {
    const rows = (n: number) => Buffer.from(`Name\n${'Jane Smith\n'.repeat(n)}`);
    expect((await readTable(rows(200_000), { fileName: 't.csv' })).rows).toHaveLength(200_000);
    const issues = await refusal(readTable(rows(200_001), { fileName: 't.csv' }));
    expect(issues[0]!.message).toBe(
      'The file has 200001 rows; one import takes at most 200000: split the file and import each part',
    );
  });

  it('refuses a sheet name for a CSV file', async () => {
    const issues = await refusal(readTable(Buffer.from('Name\nJane\n'), { fileName: 't.csv', sheet: 'A' }));
    expect(issues[0]!.path).toBe('sheet');
    // A form's empty sheet field is no choice at all.
    expect(
      (await readTable(Buffer.from('Name\nJane\n'), { fileName: 't.csv', sheet: '' })).rows,
    ).toHaveLength(1);
  });
});
