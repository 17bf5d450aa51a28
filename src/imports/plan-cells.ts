/**
 * One tracker row's cells read into values (names, contacts, postcode, channel, route, consent,
 * dates, status and reason), each bad cell a problem naming its row, column and text. Used by
 * plan-rows.ts; the history is built from the result by plan-history.ts.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { Channel, Route } from '../enquiries/enquiry-options.ts';
import type { ConsentChannel } from '../privacy/consents.table.ts';
import { optionalEmail, optionalPhone, postcode as postcodeField } from '../shared/fields.ts';
import type {
  ImportField,
  ImportMapping,
  ImportProblem,
  PlannedHousehold,
  StatusValue,
} from './import-types.ts';
import { fieldLabels } from './mapping-schema.ts';
import { namesFromParts, secondApplicant, splitFullName, type ApplicantName } from './plan-names.ts';
import { valueKey } from './propose-mapping.ts';
import { parseTrackerDate, type TrackerDate } from './tracker-dates.ts';
import { consentWords, lookup, vocabularyKey } from './vocabulary.ts';

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

/**
 * Where each mapped field is in the row, and its header for messages; with the results of checks
 * that are slow (date-fns, libphonenumber) and repeat across a tracker's rows, kept for one plan.
 */
export interface ColumnIndex {
  index: Map<ImportField, number>;
  header: Map<ImportField, string>;
  seen: { dates: Map<string, TrackerDate>; phones: Map<string, boolean> };
}

export function columnIndex(headers: string[], mapping: ImportMapping): ColumnIndex {
  const index = new Map<ImportField, number>();
  const header = new Map<ImportField, string>();
  headers.forEach((name, i) => {
    const field = mapping.columns[name];
    if (field && field !== 'ignore' && !index.has(field)) {
      index.set(field, i);
      header.set(field, name);
    }
  });
  return { index, header, seen: { dates: new Map(), phones: new Map() } };
}

/** A row's cells by field, and the problems found so far. */
export class RowCells {
  readonly problems: ImportProblem[] = [];

  constructor(
    readonly rowNumber: number,
    private readonly cells: string[],
    private readonly columns: ColumnIndex,
  ) {}

  get seen() {
    return this.columns.seen;
  }

  has = (field: ImportField) => this.columns.index.has(field);
  cell = (field: ImportField) => this.cells[this.columns.index.get(field) ?? -1]?.trim() ?? '';
  header = (field: ImportField) => this.columns.header.get(field) ?? fieldLabels[field];

  /** A problem with the cell of `field` (its header and text), or with the row (`field` null). */
  problem(field: ImportField | null, message: string) {
    this.problems.push({
      row: this.rowNumber,
      column: field ? this.header(field) : null,
      value: field ? this.cell(field) : null,
      message,
    });
  }
}

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
    consent: readConsent(row),
    dates: readDates(row, mapping.dateOrder, today),
    status: mapped(row, 'status', mapping.values.status, 'ignore', 'a stage or outcome'),
    reason: mapped(row, 'reason', mapping.values.reason, 'ignore', 'a reason code'),
  };
  const notes = row.cell('notes');
  if (notes.length > MAX_NOTES)
    row.problem('notes', `The notes are longer than ${MAX_NOTES} characters: shorten them in the file`);
  if (row.problems.length > 0 || !applicants || !contacts) return undefined;
  const campaignCode = row.cell('campaign');
  return {
    applicants: contacts,
    postcode: values.postcode!,
    channel: values.channel!,
    route: values.route!,
    ...(campaignCode ? { campaignCode } : {}),
    consent: values.consent,
    ...(notes ? { notes } : {}),
    dates: values.dates,
    ...(values.status && values.status !== 'ignore' ? { status: values.status } : {}),
    ...(values.reason && values.reason !== 'ignore' ? { reason: values.reason } : {}),
  };
}

function readNames(row: RowCells): ApplicantName[] | undefined {
  const full = row.cell('fullName');
  const useFull = row.has('fullName') && (full !== '' || !row.has('firstName'));
  let result;
  if (useFull) {
    result =
      full === ''
        ? ({ ok: false, message: "The name is blank: add the applicant's name in the file" } as const)
        : splitFullName(full);
  } else result = namesFromParts(row.cell('firstName'), row.cell('lastName'));
  const field: ImportField = useFull ? 'fullName' : row.cell('firstName') === '' ? 'firstName' : 'lastName';
  if (!result.ok) return void row.problem(field, result.message);
  const second = row.cell('secondApplicantName');
  if (second === '') return result.applicants;
  if (result.applicants.length === 2)
    return void row.problem(
      'secondApplicantName',
      'The name column already names two applicants and a household has at most two: keep two in the file',
    );
  const other = secondApplicant(second, result.applicants[0]!);
  if (!other.ok) return void row.problem('secondApplicantName', other.message);
  return [...result.applicants, ...other.applicants];
}

/**
 * One email and one phone per applicant: a cell's single value is the first applicant's; two
 * values (split at ; , / or spaces for email) go to two applicants in order; anything else is a
 * problem. Values are kept as typed (trimmed) and checked with the enquiry form's own rules.
 */
function readContacts(row: RowCells, names: ApplicantName[]): PlannedHousehold['applicants'] | undefined {
  const applicants: PlannedHousehold['applicants'] = names.map((n) => ({ ...n }));
  const fill = (field: 'email' | 'phone', parts: string[], ok: (v: string) => boolean, what: string) => {
    const bad = parts.find((p) => !ok(p));
    if (bad !== undefined) return row.problem(field, `"${bad}" is not ${what}: correct it in the file`);
    if (parts.length > applicants.length)
      return row.problem(
        field,
        `The ${fieldLabels[field]} cell has more than one for each applicant: keep one each`,
      );
    parts.forEach((part, i) => (applicants[i]![field] = part));
  };
  const email = row.cell('email');
  if (email)
    fill(
      'email',
      email.split(/[;,/\s]+/).filter(Boolean),
      (v) => optionalEmail.safeParse(v).success,
      'an email address in the correct format, like name@example.com',
    );
  const phone = row.cell('phone');
  const phoneOk = (v: string) => remember(row.seen.phones, v, () => optionalPhone.safeParse(v).success);
  const phoneParts = phoneOk(phone)
    ? [phone]
    : phone
        .split(/[;,/]/)
        .map((p) => p.trim())
        .filter(Boolean);
  if (phone)
    fill(
      'phone',
      phoneParts,
      phoneOk,
      'a real phone number, like 01632 960 001 or 07700 900 982 (include the country code for a number outside the UK)',
    );
  return row.problems.length > 0 ? undefined : applicants;
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
  const value = map[valueKey(text)];
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
    const given = consentLookup.get(vocabularyKey(text));
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

function remember<T>(seen: Map<string, T>, key: string, check: () => T): T {
  let result = seen.get(key);
  if (result === undefined) seen.set(key, (result = check()));
  return result;
}
