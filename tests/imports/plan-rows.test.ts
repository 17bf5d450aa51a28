import { describe, expect, it } from 'vitest';
import type { ImportMapping, ReadTable } from '../../src/imports/import-types.ts';
import { planRows } from '../../src/imports/plan-rows.ts';
import { proposeMapping } from '../../src/imports/propose-mapping.ts';

const headers = [
  'Name',
  'Postcode',
  'Email',
  'Phone',
  'Enquiry date',
  'Source',
  'Transfer',
  'Campaign',
  'IV date',
  'Application received',
  'Assessment start',
  'Panel date',
  'Approved',
  'Status',
  'Reason',
  'Date closed',
  'Deregistered',
  'Consent email',
  'Consent SMS',
  'Notes',
];

type Row = Partial<Record<(typeof headers)[number], string>>;
const base: Row = {
  Name: 'Jane Smith',
  Postcode: 'nr1 3qu',
  'Enquiry date': '03/03/2024',
  Source: 'Website',
};

/** A table of the given rows (row 2 onwards), every other cell blank. */
const tableOf = (rows: Row[]): ReadTable => ({
  format: 'csv',
  encoding: 'utf-8',
  delimiter: ',',
  headers,
  rows: rows.map((row, i) => ({ rowNumber: i + 2, cells: headers.map((h) => row[h] ?? '') })),
});

const TODAY = '2024-12-01';

function plan(rows: Row[], adjust?: (mapping: ImportMapping) => void) {
  const table = tableOf(rows);
  const { mapping } = proposeMapping(table);
  adjust?.(mapping);
  return planRows(table, mapping, { fileName: 'tracker.csv', today: TODAY });
}

/** One row: its household or its problems. */
const one = (row: Row) => plan([{ ...base, ...row }]);
const eventsOf = (row: Row) => {
  const result = one(row);
  expect(result.problems).toEqual([]);
  return result.households[0]!.events;
};
const problemsOf = (row: Row) => {
  const result = one(row);
  expect(result.households).toEqual([]);
  return result.problems;
};

describe('planRows: a row becomes a household with its history', () => {
  it('plans every dated column as a stage event, whatever the date format', () => {
    const result = one({
      Email: 'jane@example.com',
      Phone: '07700 900982',
      Transfer: 'No',
      Campaign: 'spring24',
      'Enquiry date': '3/3/24',
      'IV date': '3-Apr-2024',
      'Application received': '2024-05-01',
      'Assessment start': '45444', // Excel serial: 1 June 2024
      'Panel date': '01.08.2024',
      Approved: '15 August 2024',
      Status: 'Approved',
      'Consent email': 'Yes',
      'Consent SMS': 'no',
      Notes: 'Met at the county show',
    });
    expect(result).toEqual({
      problems: [],
      flags: [],
      households: [
        {
          row: 2,
          applicants: [
            { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com', phone: '07700 900982' },
          ],
          postcode: 'NR1 3QU',
          channel: 'web_form',
          route: 'mainstream',
          campaignCode: 'SPRING24',
          consent: { email: true, sms: false },
          notes: 'Met at the county show',
          events: [
            { stage: 'enquiry', on: '2024-03-03' },
            { stage: 'initial_visit', on: '2024-04-03' },
            { stage: 'application', on: '2024-05-01' },
            { stage: 'assessment', on: '2024-06-01' },
            { stage: 'panel', on: '2024-08-01' },
            { stage: 'approved', on: '2024-08-15' },
          ],
          flags: [],
        },
      ],
    });
  });

  it('keeps state-machine order for events on the same day', () => {
    expect(eventsOf({ 'IV date': '03/03/2024', 'Application received': '03/03/2024' })).toEqual([
      { stage: 'enquiry', on: '2024-03-03' },
      { stage: 'initial_visit', on: '2024-03-03' },
      { stage: 'application', on: '2024-03-03' },
    ]);
  });

  it('routes transfers through the route column; a blank route is mainstream, a blank source "other"', () => {
    const result = plan([
      { ...base, Transfer: 'Yes' },
      { ...base, Source: '' },
    ]);
    expect(result.households.map((h) => [h.route, h.channel])).toEqual([
      ['transfer', 'web_form'],
      ['mainstream', 'other'],
    ]);
  });

  it('splits names: "Jane and John Smith" is two applicants, "Smith, Jane" one', () => {
    const result = plan([
      { ...base, Name: 'Jane and John Smith' },
      { ...base, Name: 'Smith, Jane' },
    ]);
    expect(result.households.map((h) => h.applicants)).toEqual([
      [
        { firstName: 'Jane', lastName: 'Smith' },
        { firstName: 'John', lastName: 'Smith' },
      ],
      [{ firstName: 'Jane', lastName: 'Smith' }],
    ]);
  });

  it('imports consent only where the file states it', () => {
    expect(one({}).households[0]!.consent).toEqual({});
  });
});

describe('planRows: stages the tracker skipped are filled on the next known date, flagged', () => {
  it('fills initial visit to panel on the approval date, and flags no panel meeting', () => {
    const result = one({ Approved: '01/09/2024' });
    const events = result.households[0]!.events;
    expect(events).toEqual([
      { stage: 'enquiry', on: '2024-03-03' },
      { stage: 'initial_visit', on: '2024-09-01', filled: true },
      { stage: 'application', on: '2024-09-01', filled: true },
      { stage: 'assessment', on: '2024-09-01', filled: true },
      { stage: 'panel', on: '2024-09-01', filled: true },
      { stage: 'approved', on: '2024-09-01' },
    ]);
    expect(result.flags.map((f) => [f.row, f.kind, f.stage])).toEqual([
      [2, 'stage_filled', 'initial_visit'],
      [2, 'stage_filled', 'application'],
      [2, 'stage_filled', 'assessment'],
      [2, 'stage_filled', 'panel'],
      [2, 'no_panel_meeting', 'approved'],
    ]);
    expect(result.households[0]!.flags).toEqual(result.flags);
  });

  it('fills a missing assessment date with the panel date', () => {
    const events = eventsOf({
      'IV date': '1/4/24',
      'Application received': '1/5/24',
      'Panel date': '1/8/24',
    });
    expect(events.slice(2)).toEqual([
      { stage: 'application', on: '2024-05-01' },
      { stage: 'assessment', on: '2024-08-01', filled: true },
      { stage: 'panel', on: '2024-08-01' },
    ]);
  });
});

describe('planRows: closed and deregistered rows', () => {
  it('"Withdrawn - finances" with no date closes AW4 on the last known date, flagged', () => {
    const result = one({ 'IV date': '10/04/2024', Status: 'Withdrawn - finances' });
    expect(result.households[0]!.events.at(-1)).toEqual({
      stage: 'closed',
      on: '2024-04-10',
      reason: 'AW4',
      filled: true,
    });
    expect(result.flags).toEqual([
      {
        row: 2,
        kind: 'closed_undated',
        stage: 'closed',
        message: 'Closed with no date in the file: dated 2024-04-10, the last date it gives',
      },
    ]);
  });

  it('a closed date and a reason close on that date with that reason', () => {
    const events = eventsOf({ 'Date closed': '20/03/2024', Reason: 'Change of circumstances' });
    expect(events).toEqual([
      { stage: 'enquiry', on: '2024-03-03' },
      { stage: 'closed', on: '2024-03-20', reason: 'AW3' },
    ]);
  });

  it('"Withdrawn" with a specific reason takes the reason; a closed date with no reason is AW0', () => {
    expect(eventsOf({ Status: 'Withdrawn', Reason: 'Finances', 'Date closed': '4/4/24' }).at(-1)).toEqual({
      stage: 'closed',
      on: '2024-04-04',
      reason: 'AW4',
    });
    expect(eventsOf({ 'Date closed': '4/4/24' }).at(-1)).toEqual({
      stage: 'closed',
      on: '2024-04-04',
      reason: 'AW0',
    });
  });

  it('an outcome column alone ("Financial reasons") closes the row, undated', () => {
    const result = one({ Reason: 'Financial reasons' });
    expect(result.households[0]!.events.at(-1)).toEqual({
      stage: 'closed',
      on: '2024-03-03',
      reason: 'AW4',
      filled: true,
    });
    expect(result.flags.map((f) => f.kind)).toEqual(['closed_undated']);
  });

  it('closed for no response is flagged: the file does not evidence two contact attempts', () => {
    const result = one({ Status: 'No response', 'Date closed': '17/03/2024' });
    expect(result.households[0]!.events.at(-1)).toEqual({
      stage: 'closed',
      on: '2024-03-17',
      reason: 'no_response',
    });
    expect(result.flags.map((f) => f.kind)).toEqual(['no_contact_attempts']);
  });

  it('"Not approved" after panel closes as refused by the decision maker', () => {
    const events = eventsOf({
      'Application received': '1/5/24',
      'Panel date': '1/8/24',
      Status: 'Not approved',
      'Date closed': '9/8/24',
    });
    expect(events.at(-1)).toEqual({ stage: 'closed', on: '2024-08-09', reason: 'refused' });
  });

  it('"Retired" after approval deregisters with the reason retired', () => {
    const events = eventsOf({
      'Panel date': '1/8/24',
      Approved: '8/8/24',
      Status: 'Retired',
      Deregistered: '1/11/24',
    });
    expect(events.at(-1)).toEqual({ stage: 'deregistered', on: '2024-11-01', reason: 'retired' });
  });
});

describe('planRows: problems (row, column, value, why and how to fix), never guessed', () => {
  it('an approval date before the application date', () => {
    expect(problemsOf({ 'Application received': '01/06/2024', Approved: '01/05/2024' })).toEqual([
      {
        row: 2,
        column: 'Approved',
        value: '01/05/2024',
        message:
          'The approved date (2024-05-01) is before the application date (2024-06-01): correct one of them in the file',
      },
    ]);
  });

  it('an impossible date', () => {
    expect(problemsOf({ 'IV date': '31/02/2024' })).toEqual([
      {
        row: 2,
        column: 'IV date',
        value: '31/02/2024',
        message:
          '"31/02/2024" is not a real date: February 2024 has 29 days, so there is no day 31; correct it in the file',
      },
    ]);
  });

  it('a date after today', () => {
    const [problem] = problemsOf({ 'IV date': '02/12/2024' });
    expect(problem).toMatchObject({ column: 'IV date', value: '02/12/2024' });
    expect(problem!.message).toContain('is after today (2024-12-01)');
  });

  it.each([
    [{ Name: '' }, 'Name', 'The name is blank'],
    [{ Name: 'Smith' }, 'Name', 'is not a first and last name'],
    [{ Name: 'Mr and Mrs Smith' }, 'Name', "does not give both applicants' first names"],
    [{ 'Enquiry date': '' }, 'Enquiry date', 'The enquiry date is blank'],
    [{ 'Enquiry date': 'March' }, 'Enquiry date', 'is not a date this import can read'],
    [{ Postcode: '' }, 'Postcode', 'The postcode is blank'],
    [{ Postcode: 'NR1' }, 'Postcode', 'is not a real postcode'],
    [{ Email: 'jane@' }, 'Email', 'is not an email address'],
    [{ Phone: '0123' }, 'Phone', 'is not a real phone number'],
    [{ Source: 'Billboard' }, 'Source', 'is not matched to a channel'],
    [{ Transfer: 'maybe' }, 'Transfer', 'is not matched to a route'],
    [{ Status: 'On hold' }, 'Status', 'is not matched to a stage or outcome'],
    [{ Reason: 'Moved away' }, 'Reason', 'is not matched to a reason code'],
    [{ 'Consent email': 'perhaps' }, 'Consent email', 'is not yes or no'],
    [{ Campaign: 'Summer billboard' }, 'Campaign', 'is not a campaign code'],
    [{ Status: 'Approved' }, 'Status', 'says approved, but the row has no approved date'],
    [
      { Status: 'Enquiry', 'Application received': '1/4/24' },
      'Status',
      'but the row has an application date',
    ],
    [
      {
        Status: 'In assessment',
        'Application received': '1/4/24',
        'Assessment start': '1/5/24',
        Reason: 'Finances',
      },
      'Status',
      'also gives a closed',
    ],
    [
      { Status: 'No response', 'Application received': '1/4/24' },
      'Status',
      'is not a reason for closing at the application stage',
    ],
    [{ Status: 'Withdrawn - finances', Reason: 'Change of circumstances' }, 'Reason', 'make them agree'],
    [
      { Approved: '1/9/24', 'Date closed': '1/10/24' },
      'Date closed',
      'an approved household cannot be closed',
    ],
    [{ Deregistered: '1/10/24' }, 'Deregistered', 'only an approved household can be deregistered'],
    [{ Status: 'Retired' }, 'Status', 'only an approved household can be deregistered'],
    [{ 'Date closed': '1/3/24' }, 'Date closed', 'is before the enquiry date'],
    [
      { Status: 'Withdrawn', Approved: '1/9/24', Deregistered: '1/10/24' },
      'Status',
      'says closed, but the row has a deregistered date',
    ],
    [{ Reason: 'Retired', 'Date closed': '1/4/24' }, 'Reason', 'is a reason for leaving after approval'],
  ])('%o → %s: %s', (row, column, message) => {
    const problems = problemsOf(row);
    expect(problems.map((p) => p.column)).toContain(column);
    expect(problems.find((p) => p.column === column)!.message).toContain(message);
    expect(problems.every((p) => p.row === 2)).toBe(true);
  });

  it('reports every bad cell of a row at once, and plans the good rows around it', () => {
    const result = plan([base, { ...base, Postcode: 'X', 'IV date': '30/02/2024', Source: '??' }, base]);
    expect(result.households.map((h) => h.row)).toEqual([2, 4]);
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'Postcode'],
      [3, 'Source'],
      [3, 'IV date'],
    ]);
  });

  it('plans nothing when the mapping itself has problems', () => {
    const result = plan([base], (mapping) => {
      mapping.columns['Enquiry date'] = 'ignore';
    });
    expect(result).toEqual({
      households: [],
      flags: [],
      problems: [
        {
          row: 1,
          column: null,
          value: null,
          message: 'No column is mapped to the enquiry date: choose the column that holds it',
        },
      ],
    });
  });

  it('reads month-first dates when the mapping says so', () => {
    const table = tableOf([{ ...base, 'Enquiry date': '12/31/2023' }]);
    const { mapping } = proposeMapping(table);
    mapping.dateOrder = 'mdy';
    const result = planRows(table, mapping, { fileName: 't.csv', today: TODAY });
    expect(result.households[0]!.events).toEqual([{ stage: 'enquiry', on: '2023-12-31' }]);
  });
});

describe('planRows: cells that read like JavaScript property names', () => {
  it('treats "constructor" and "__proto__" as unmapped text, not as known values', () => {
    const result = one({ Status: 'constructor', Source: '__proto__', Reason: 'toString' });
    expect(result.problems.map((p) => p.column)).toEqual(['Source', 'Status', 'Reason']);
  });
});
