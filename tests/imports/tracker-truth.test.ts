import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvText, trackerCsv } from '../../src/bench/tracker-files.ts';
import { generateTracker } from '../../src/bench/tracker-rows.ts';
import { trackerFixture } from '../fixtures/imports/make-tracker.ts';
import { readDate, trackerTruth } from './tracker-truth.ts';

/**
 * The independent count is itself checked: its date reader against hand-read dates, its counting
 * against a small tracker counted by hand, and the committed fixtures against their generator (so
 * the acceptance test's expected figures come from the files as committed).
 */
const fixtures = path.join(import.meta.dirname, '../fixtures/imports');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

describe('the independent count of a tracker', () => {
  it('reads day-first dates in every format and refuses dates that do not exist', () => {
    expect(readDate('03/03/2024')).toBe('2024-03-03');
    expect(readDate('3/4/24')).toBe('2024-04-03');
    expect(readDate('3-Mar-2024')).toBe('2024-03-03');
    expect(readDate('2024-03-03')).toBe('2024-03-03');
    expect(readDate('45354')).toBe('2024-03-03'); // Excel's serial for 3 March 2024
    expect(readDate('29/02/2024')).toBe('2024-02-29');
    expect(readDate('31/02/2024')).toBeNull();
    expect(readDate('29/02/2023')).toBeNull();
    expect(readDate('31/04/2025')).toBeNull();
    expect(readDate('soon')).toBeNull();
  });

  it('counts a small tracker as counted by hand', () => {
    const csv = [
      'Name,Date of enquiry,IV date,Application received,Panel date,Approved,Status,Outcome,Withdrawn,Deregistered,Transfer',
      // 2: approved 2024-25 after a skipped IV (filled on the application date, 2024-05-01, in 2024-25)
      'Ann Bee,15/03/2024,,01/05/2024,01/11/2024,10/11/2024,Approved,,,,',
      // 3: a transfer approved in 2025-26 with no panel date (panel filled on the approval date)
      'Cal Dee,2-Feb-2025,2025-02-20,01/03/2025,,12/04/2025,,,,,Yes',
      // 4: withdrew during assessment in 2024-25, undated: the last known date (application, 2024-06-01)
      'Eve Fox,10/04/2024,20/04/2024,01/06/2024,,,Withdrawn,Withdrawn - finances,,,',
      // 5: closed before applying: not an application ended
      'Gus Ho,45400,,,,,No response,,20/4/24,,',
      // 6: approved 2023-24, retired 2025-26
      'Ida Jo,01/04/2023,01/05/2023,01/06/2023,01/12/2023,05/12/2023,Retired,,,01/06/2025,',
      // 7, 8, 9, 10: a missing name, an impossible date, approval before application, an unknown status
      ',01/04/2024,,,,,,,,,',
      'Kay Lu,31/02/2024,,,,,,,,,',
      'Max Ng,01/04/2024,,01/12/2024,,01/06/2024,,,,,',
      'Ola Pi,01/04/2024,,,,,Parked,,,,',
      ',,,,,,,,,,', // 11: blank, skipped
    ].join('\n');
    const truth = trackerTruth(csv);
    expect(truth.rows).toBe(9);
    expect(truth.ready).toBe(5);
    expect([...truth.problems.keys()]).toEqual([7, 8, 9, 10]);
    const zero = {
      information_session_households: 0,
      enquiries: 0,
      initial_visits: 0,
      applications: 0,
      applications_ended: 0,
      approvals: 0,
      transfers_in: 0,
      deregistrations: 0,
    };
    expect(Object.fromEntries(truth.years)).toEqual({
      // Ann's and Ida's enquiries; Ida's IV, application and approval
      '2023': { ...zero, enquiries: 2, initial_visits: 1, applications: 1, approvals: 1 },
      // Cal's (2 February 2025), Eve's and Gus's (45400 = 18 April 2024) enquiries; Ann's, Cal's and
      // Eve's IVs and applications; Eve's withdrawal; Ann's approval
      '2024': {
        ...zero,
        enquiries: 3,
        initial_visits: 3,
        applications: 3,
        applications_ended: 1,
        approvals: 1,
      },
      // Cal's approval as a transfer; Ida's retirement
      '2025': { ...zero, transfers_in: 1, deregistrations: 1 },
    });
  });

  it('finds exactly the mistakes the generator put in the committed fixture', () => {
    const truth = trackerTruth(fixture('tracker-3-years.csv').toString('utf8'));
    const intended = JSON.parse(fixture('tracker-3-years.intended-problems.json').toString('utf8'));
    expect([...truth.problems.keys()].map(String)).toEqual(Object.keys(intended));
    expect(truth.rows).toBeGreaterThan(580);
    expect([...truth.years.keys()]).toEqual(['2023', '2024', '2025', '2026']);
    // Both kinds of repeated row: typed in twice (cell for cell), and the same person entered again.
    expect(truth.repeats.size).toBeGreaterThanOrEqual(5);
    for (const [row, earlier] of truth.repeats) expect(truth.duplicates.get(row)).toBe(earlier);
    expect(truth.duplicates.size - truth.repeats.size).toBeGreaterThanOrEqual(3);
  });

  it('the committed fixtures are what the generator writes, the same content in all three files', async () => {
    const tracker = generateTracker(trackerFixture);
    const utf8 = fixture('tracker-3-years.csv').toString('utf8');
    expect(utf8).toBe(trackerCsv(tracker));
    const cells = parse(utf8) as string[][];
    // Windows-1252, semicolons: the same cells once decoded with the right code page.
    // (iconv-lite: Node's own TextDecoder reads windows-1252 as Latin-1, losing – and ’.)
    const windows = iconv.decode(fixture('tracker-3-years-windows-1252.csv'), 'windows-1252');
    expect(parse(windows, { delimiter: ';' })).toEqual(cells);
    expect(windows).toContain('O’Brien');
    // XLSX: the same text, and real dates where the CSV has dd/mm/yyyy.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fixture('tracker-3-years.xlsx') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tracker')!;
    const expected = [tracker.headers, ...tracker.rows.map((row) => row.map(csvText))];
    let realDates = 0;
    expected.forEach((row, i) => {
      const excelRow = sheet.getRow(i + 1);
      row.forEach((text, c) => {
        const value = excelRow.getCell(c + 1).value;
        if (value instanceof Date) {
          realDates++;
          expect(value.toISOString().slice(0, 10).split('-').reverse().join('/')).toBe(text);
        } else expect(value === null || value === undefined ? '' : String(value)).toBe(text);
      });
    });
    expect(realDates).toBeGreaterThan(500);
  });
});
