/**
 * One tracker row's cells read into values (names, contacts, postcode, channel, route, consent,
 * dates, status and reason), each bad cell a problem naming its row, column and text. Used by
 * plan-rows.ts; the history is built from the result by plan-history.ts.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { Channel, Route } from '../enquiries/enquiry-options.ts';
import type { ConsentChannel } from '../privacy/consents.table.ts';
import { postcode as postcodeField } from '../shared/fields.ts';
import type { ImportField, ImportMapping, PlannedHousehold, StatusValue } from './import-types.ts';
import { readContacts, readNames } from './plan-people.ts';
import { ownValue, valueKey } from './propose-mapping.ts';
import { remember, type RowCells } from './row-cells.ts';
import { parseTrackerDate } from './tracker-dates.ts';
import { consentWords } from './vocabulary-values.ts';
import { lookup, wordKey } from './vocabulary.ts';

export const dateFields = [
  'enquiryDate',
  'initialVisitDate',
  'applicationDate',
  'assessmentDate',
  'panelDate',
  'approvalDate',
  'closedDate',
  'deregisteredDate',
] as const satisfies readonly ImportField[];
export type DateField = (typeof dateFields)[number];

const consentFields = {
  consentEmail: 'email',
  consentPost: 'post',
  consentPhone: 'phone',
  consentSms: 'sms',
} as const satisfies Partial<Record<ImportField, ConsentChannel>>;

const consentLookup = lookup(consentWords);
const MAX_NOTES = 5000;

/** What a row says, read strictly: every field present here passed its check. */
export interface RowValues {
  applicants: PlannedHousehold['applicants'];
  postcode: string;
  channel: Channel;
  route: Route;
  campaignCode?: string;
  consent: PlannedHousehold['consent'];
  notes?: string;
  dates: Partial<Record<DateField, IsoDate>>;
  status?: Exclude<StatusValue, 'ignore'>;
  reason?: string;
}

/** Reads every field of the row; `undefined` when any cell has a problem (see `row.problems`). */
export function readRow(row: RowCells, mapping: ImportMapping, today: IsoDate): RowValues | undefined {
  const applicants = readNames(row);
  // Contacts are checked even when the name is bad, so every problem of the row is reported at once.
  const contacts = readContacts(row, applicants ?? [{ firstName: '', lastName: '' }]);
  const values = {
    postcode: readPostcode(row),
    channel: mapped(row, 'channel', mapping.values.channel, 'other', 'a channel'),
    route: mapped(row, 'route', mapping.values.route, 'mainstream', 'a route (transfer or new)'),
    campaignCode: readCampaign(row),
    consent: readConsent(row),
    dates: readDates(row, mapping.dateOrder, today),
    status: mapped(row, 'status', mapping.values.status, 'ignore', 'a stage or outcome'),
    reason: mapped(row, 'reason', mapping.values.reason, 'ignore', 'a reason code'),
  };
  const notes = row.cell('notes');
  if (notes.length > MAX_NOTES)
    row.problem('notes', `The notes are longer than ${MAX_NOTES} characters: shorten them in the file`);
  if (row.problems.length > 0 || !applicants || !contacts) return undefined;
  return {
    applicants: contacts,
    postcode: values.postcode!,
    channel: values.channel!,
    route: values.route!,
    ...(values.campaignCode ? { campaignCode: values.campaignCode } : {}),
    consent: values.consent,
    ...(notes ? { notes } : {}),
    dates: values.dates,
    ...(values.status && values.status !== 'ignore' ? { status: values.status } : {}),
    ...(values.reason && values.reason !== 'ignore' ? { reason: values.reason } : {}),
  };
}

function readPostcode(row: RowCells): string | undefined {
  const text = row.cell('postcode');
  if (text === '') return void row.problem('postcode', 'The postcode is blank: add it in the file');
  const parsed = postcodeField.safeParse(text);
  if (parsed.success) return parsed.data;
  row.problem(
    'postcode',
    `"${text}" is not a real postcode, like NR1 3QU, or a BFPO number, like BFPO 1234: correct it in the file`,
  );
  return undefined;
}

/** A value through its map; a blank cell (or no column) is `blank`; an unmapped text a problem. */
function mapped<T>(
  row: RowCells,
  field: ImportField,
  map: Record<string, T>,
  blank: T,
  what: string,
): T | undefined {
  const text = row.cell(field);
  if (text === '') return blank;
  const value = ownValue(map, valueKey(text));
  if (value !== undefined) return value;
  row.problem(
    field,
    `"${text}" in ${row.header(field)} is not matched to ${what}: choose one for it on the mapping page`,
  );
  return undefined;
}

/** Consent only where the file states it: yes or no; a blank cell says nothing. */
function readConsent(row: RowCells): PlannedHousehold['consent'] {
  const consent: PlannedHousehold['consent'] = {};
  for (const [field, channel] of Object.entries(consentFields) as [
    keyof typeof consentFields,
    ConsentChannel,
  ][]) {
    const text = row.cell(field);
    if (text === '') continue;
    const given = consentLookup.get(wordKey(text));
    if (given === undefined)
      row.problem(field, `"${text}" is not yes or no: write Yes, No, or leave it blank if not known`);
    else consent[channel] = given;
  }
  return consent;
}

function readDates(row: RowCells, order: ImportMapping['dateOrder'], today: IsoDate) {
  const dates: Partial<Record<DateField, IsoDate>> = {};
  for (const field of dateFields) {
    const text = row.cell(field);
    if (text === '') continue;
    const parsed = remember(row.seen.dates, `${order} ${text}`, () => parseTrackerDate(text, order));
    if (!parsed.ok) row.problem(field, parsed.message);
    else if (parsed.value > today)
      row.problem(
        field,
        `"${text}" is after today (${today}): a stage cannot have happened yet; correct it in the file`,
      );
    else dates[field] = parsed.value;
  }
  return dates;
}

// The enquiry form's rule for a campaign code (enquiries.schema.ts), so reports attribute the same.
const CAMPAIGN_CODE = /^[A-Za-z0-9_-]{1,50}$/;

/** A campaign code as the enquiry form stores it: upper case; anything else is a problem. */
function readCampaign(row: RowCells): string | undefined {
  const text = row.cell('campaign');
  if (text === '' || CAMPAIGN_CODE.test(text)) return text.toUpperCase() || undefined;
  row.problem(
    'campaign',
    `"${text}" is not a campaign code (letters, numbers, hyphens or underscores, like SPRING24): write the campaign's code in the file, or map the column to notes`,
  );
  return undefined;
}
