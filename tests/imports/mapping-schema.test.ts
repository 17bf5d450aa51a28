import { describe, expect, it } from 'vitest';
import type { ImportMapping, ReadTable } from '../../src/imports/import-types.ts';
import { ImportMappingInput, mappingProblems } from '../../src/imports/mapping-schema.ts';
import { proposeMapping } from '../../src/imports/propose-mapping.ts';

const table = (headers: string[]): ReadTable => ({ format: 'csv', encoding: 'utf-8', headers, rows: [] });

const issuesOf = (input: unknown) => {
  const parsed = ImportMappingInput.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('ImportMappingInput: a mapping arriving as JSON', () => {
  it("accepts what proposeMapping proposes, unchanged (the CLI's --mapping auto, saved mappings)", () => {
    const tracker: ReadTable = {
      ...table(['Name', 'Postcode', 'Enquiry date', 'Status', 'Outcome', 'Source', 'Transfer']),
      rows: [
        {
          rowNumber: 2,
          cells: ['Jane Smith', 'NR1 3QU', '1/1/24', 'Withdrawn - finances', 'Retired', 'Facebook', 'Yes'],
        },
      ],
    };
    const { mapping } = proposeMapping(tracker);
    const parsed = ImportMappingInput.parse(JSON.parse(JSON.stringify(mapping)));
    expect(parsed).toEqual(mapping);
  });

  it('defaults the value maps and day-first dates', () => {
    expect(ImportMappingInput.parse({ columns: { Name: 'fullName' } })).toEqual({
      columns: { Name: 'fullName' },
      values: { status: {}, reason: {}, channel: {}, route: {} },
      dateOrder: 'dmy',
    });
  });

  it('keys value maps by the trimmed, lower-cased cell text', () => {
    const parsed = ImportMappingInput.parse({
      columns: {},
      values: {
        status: { ' Withdrawn - Finances ': { stage: 'closed', reason: 'AW4' } },
        channel: { WEBSITE: 'web_form' },
      },
    });
    expect(parsed.values.status).toEqual({ 'withdrawn - finances': { stage: 'closed', reason: 'AW4' } });
    expect(parsed.values.channel).toEqual({ website: 'web_form' });
  });

  it('refuses unknown fields, stages, codes, channels and routes with field messages naming the choices', () => {
    const issues = issuesOf({
      columns: { Name: 'nickname' },
      values: {
        status: {
          'on hold': { stage: 'paused' },
          withdrawn: { stage: 'closed', reason: 'AW9' },
          retired: { stage: 'deregistered', reason: 'AW4' },
          later: 'skip',
        },
        reason: { finances: 'money' },
        channel: { billboard: 'outdoor' },
        route: { maybe: 'sometimes' },
      },
      dateOrder: 'ymd',
    });
    expect(issues).toEqual([
      {
        path: 'columns.Name',
        message: expect.stringMatching(/^Choose what the column holds: "ignore" or one of firstName, /),
      },
      { path: 'values.status.on hold', message: expect.stringMatching(/^Choose what this status means/) },
      {
        path: 'values.status.withdrawn',
        message: expect.stringMatching(/^Choose a reason for closing: one of AW1, /),
      },
      {
        path: 'values.status.retired',
        message:
          'Choose a reason for deregistration: one of retired, ill_health, standards_of_care, moved, transferred_out, other',
      },
      { path: 'values.status.later', message: expect.stringMatching(/^Choose what this status means/) },
      {
        path: 'values.reason.finances',
        message: expect.stringMatching(/^Choose a reason code: "ignore" or one of AW1/),
      },
      {
        path: 'values.channel.billboard',
        message: 'Choose a channel: one of phone, email, web_form, event, social, walk_in, other',
      },
      {
        path: 'values.route.maybe',
        message: 'Choose a route: one of mainstream, transfer, family_and_friends',
      },
      { path: 'dateOrder', message: 'Choose "dmy" (day first) or "mdy" (month first)' },
    ]);
  });

  it('refuses two spellings of one value with different meanings, and unknown keys', () => {
    expect(issuesOf({ columns: {}, values: { route: { Yes: 'transfer', yes: 'mainstream' } } })).toEqual([
      { path: 'values.route.yes', message: '"yes" is given two different meanings: keep one' },
    ]);
    expect(issuesOf({ columns: {}, extra: 1 }).map((i) => i.path)).toEqual(['']);
  });
});

describe('mappingProblems: the mapping as a whole', () => {
  const mapping = (columns: ImportMapping['columns']): ImportMapping => ({
    columns,
    values: { status: {}, reason: {}, channel: {}, route: {} },
    dateOrder: 'dmy',
  });

  it('is empty for a usable mapping (full name, or first and last name)', () => {
    const file = table(['Name', 'Postcode', 'Enquiry date', 'Other']);
    expect(
      mappingProblems(
        file,
        mapping({ Name: 'fullName', Postcode: 'postcode', 'Enquiry date': 'enquiryDate' }),
      ),
    ).toEqual([]);
    const parts = table(['First', 'Last', 'Postcode', 'Date']);
    expect(
      mappingProblems(
        parts,
        mapping({ First: 'firstName', Last: 'lastName', Postcode: 'postcode', Date: 'enquiryDate' }),
      ),
    ).toEqual([]);
  });

  it('names a header the file does not have, a field mapped twice, and each missing column', () => {
    const file = table(['Forename', 'Enquiry', 'Date received']);
    const problems = mappingProblems(
      file,
      mapping({ Forename: 'firstName', Enquiry: 'channel', 'Date received': 'channel', Gone: 'email' }),
    );
    expect(problems).toEqual([
      {
        row: 1,
        column: 'Date received',
        value: null,
        message:
          '"Date received" and "Enquiry" are both mapped to source (channel): map one of them to something else or ignore it',
      },
      {
        row: 1,
        column: 'Gone',
        value: null,
        message: 'The file has no column "Gone": choose its columns again on the mapping page',
      },
      {
        row: 1,
        column: null,
        value: null,
        message: 'No column is mapped to the enquiry date: choose the column that holds it',
      },
      {
        row: 1,
        column: null,
        value: null,
        message: 'No column is mapped to the postcode: choose the column that holds it',
      },
      {
        row: 1,
        column: null,
        value: null,
        message:
          'No column is mapped to the name: choose a full name column, or both a first name and a last name column',
      },
    ]);
  });
});

describe('keys that are also JavaScript property names are just text', () => {
  it('keeps "constructor" as an own key and lets nothing reach a prototype', () => {
    const parsed = ImportMappingInput.parse(
      JSON.parse(
        '{"columns":{"constructor":"email","Name":"fullName"},"values":{"status":{"__proto__":"ignore","constructor":{"stage":"enquiry"}}}}',
      ),
    );
    expect(Object.getPrototypeOf(parsed.values.status)).toBe(Object.prototype);
    // zod leaves "__proto__" out of a record; the planner then reports such a cell as unmapped.
    expect(Object.keys(parsed.values.status)).toEqual(['constructor']);
    expect(({} as Record<string, unknown>).stage).toBeUndefined();
    expect(parsed.columns).toEqual({ constructor: 'email', Name: 'fullName' });
  });
});
