import { describe, expect, it } from 'vitest';
import type { ImportMapping, ReadTable } from '../../src/imports/import-types.ts';
import { proposeMapping } from '../../src/imports/propose-mapping.ts';

const table = (headers: string[], rows: string[][] = []): ReadTable => ({
  format: 'csv',
  encoding: 'utf-8',
  delimiter: ',',
  headers,
  rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
});

describe('proposeMapping: columns', () => {
  it('recognises the header names teams use, whatever the case, punctuation and spacing', () => {
    const headers = [
      'Full name',
      'DATE OF ENQUIRY',
      'How did you hear?',
      'Post code',
      'E-mail',
      'Tel',
      'IV date',
      'Application received',
      'Assessment start',
      'Panel',
      'Approval date',
      'Stage',
      'Withdrawal reason',
      'Date closed',
      'Resigned',
      'Transfer',
      'Campaign',
      'Comments',
      'SMS consent',
      'Enquiry date (dd/mm/yyyy)',
      'Favourite colour',
    ];
    const { mapping, unrecognisedColumns } = proposeMapping(table(headers));
    expect(mapping.columns).toEqual({
      'Full name': 'fullName',
      'DATE OF ENQUIRY': 'enquiryDate',
      'How did you hear?': 'channel',
      'Post code': 'postcode',
      'E-mail': 'email',
      Tel: 'phone',
      'IV date': 'initialVisitDate',
      'Application received': 'applicationDate',
      'Assessment start': 'assessmentDate',
      Panel: 'panelDate',
      'Approval date': 'approvalDate',
      Stage: 'status',
      'Withdrawal reason': 'reason',
      'Date closed': 'closedDate',
      Resigned: 'deregisteredDate',
      Transfer: 'route',
      Campaign: 'campaign',
      Comments: 'notes',
      'SMS consent': 'consentSms',
      // A second enquiry date column is not proposed twice.
      'Enquiry date (dd/mm/yyyy)': 'ignore',
      'Favourite colour': 'ignore',
    });
    expect(unrecognisedColumns).toEqual(['Enquiry date (dd/mm/yyyy)', 'Favourite colour']);
    expect(mapping.dateOrder).toBe('dmy');
  });

  it('recognises first name and surname columns', () => {
    const { mapping } = proposeMapping(table(['Forename', 'Surname', 'Source', 'Outcome', 'Withdrawn']));
    expect(mapping.columns).toEqual({
      Forename: 'firstName',
      Surname: 'lastName',
      Source: 'channel',
      Outcome: 'reason',
      Withdrawn: 'closedDate',
    });
  });
});

describe('proposeMapping: values', () => {
  const tracker = table(
    ['Name', 'Status', 'Reason', 'Source', 'Transfer'],
    [
      ['A', 'IV done', 'Finances', 'Website', 'Yes'],
      ['B', 'Withdrawn - finances', '', 'facebook', 'No'],
      ['C', 'Withdrawn', 'Moved away', 'Phone call', ''],
      ['D', 'Retired', 'Retired', 'Billboard', 'maybe'],
      ['E', 'IV booked', 'AW4', 'Walk in', 'Transfer'],
      ['F', 'Not approved', 'Approved', 'Event', 'Mainstream'],
      ['G', 'No response', 'Financial reasons', 'WEBSITE', 'yes'],
      ['H', 'Nfa', '', '', ''],
      ['I', 'On hold', '', '', ''],
    ],
  );

  it('maps free-text statuses, reasons, channels and routes it is sure of, keyed by lower-cased text', () => {
    const { mapping, unmappedValues } = proposeMapping(tracker);
    expect(mapping.values.status).toEqual({
      'iv done': { stage: 'initial_visit' },
      'withdrawn - finances': { stage: 'closed', reason: 'AW4' },
      withdrawn: { stage: 'closed', reason: 'AW0' },
      retired: { stage: 'deregistered', reason: 'retired' },
      'iv booked': { stage: 'enquiry' },
      'not approved': { stage: 'closed', reason: 'refused' },
      'no response': { stage: 'closed', reason: 'no_response' },
      nfa: { stage: 'closed', reason: 'AW0' },
    });
    expect(mapping.values.reason).toEqual({
      finances: 'AW4',
      retired: 'retired',
      aw4: 'AW4',
      approved: 'ignore',
      'financial reasons': 'AW4',
    });
    expect(mapping.values.channel).toEqual({
      website: 'web_form',
      facebook: 'social',
      'phone call': 'phone',
      'walk in': 'walk_in',
      event: 'event',
    });
    expect(mapping.values.route).toEqual({
      yes: 'transfer',
      no: 'mainstream',
      transfer: 'transfer',
      mainstream: 'mainstream',
    });
    // Never guessed: these wait for the person.
    expect(unmappedValues).toEqual({
      status: ['on hold'],
      reason: ['moved away'],
      channel: ['billboard'],
      route: ['maybe'],
    });
  });

  it('applies a saved mapping first, for the headers and values it knows', () => {
    const saved: ImportMapping = {
      columns: { Name: 'fullName', Status: 'ignore', Reason: 'notes', 'Gone column': 'email' },
      values: {
        status: {},
        reason: {},
        channel: { billboard: 'other', website: 'email' },
        route: { maybe: 'mainstream' },
      },
      dateOrder: 'mdy',
    };
    const { mapping, unrecognisedColumns, unmappedValues } = proposeMapping(tracker, saved);
    expect(mapping.columns).toEqual({
      Name: 'fullName',
      Status: 'ignore',
      Reason: 'notes',
      Source: 'channel',
      Transfer: 'route',
    });
    expect(unrecognisedColumns).toEqual([]);
    expect(mapping.dateOrder).toBe('mdy');
    expect(mapping.values.channel.website).toBe('email'); // the saved choice wins
    expect(mapping.values.channel.billboard).toBe('other');
    expect(mapping.values.status).toEqual({});
    expect(unmappedValues).toEqual({ status: [], reason: [], channel: [], route: [] });
  });
});
