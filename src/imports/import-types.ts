/**
 * The shapes that pass between the parts of a tracker import (issue 14): reading the file, mapping
 * its columns and values, planning each row's history, and writing it as one reversible batch.
 * Row numbers are the spreadsheet's own (the header is row 1, the first data row is row 2), so a
 * person can find the row in Excel.
 */
import type { Channel, Route } from '../enquiries/enquiry-options.ts';
import type { IsoDate } from '../calendar/dates.ts';
import type { ConsentChannel } from '../privacy/consents.table.ts';
import type { Stage } from '../pipeline/stages.ts';

/** A file read into text cells, whatever it was (CSV in any delimiter and encoding, or an XLSX sheet). */
export interface ReadTable {
  format: 'csv' | 'xlsx';
  /** CSV: the encoding found ('utf-8' with or without BOM, or 'windows-1252'). XLSX: 'xlsx'. */
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'xlsx';
  /** CSV only: the delimiter found. */
  delimiter?: ',' | ';' | '\t';
  /** XLSX only: every sheet's name, and the one read. */
  sheets?: string[];
  sheet?: string;
  /**
   * The header row's cells, trimmed, in order (blank headers become "Column N"; a repeated header
   * gets " (2)", " (3)"... so each is a distinct key of `ImportMapping.columns`). Cells are trimmed.
   */
  headers: string[];
  /** Data rows (blank rows skipped but counted, so `rowNumber` stays the spreadsheet's). */
  rows: { rowNumber: number; cells: string[] }[];
}

/**
 * What a column holds. `fullName` is split into first and last name; `status` is a free-text stage
 * or outcome ("Approved", "Withdrawn - finances"), mapped through `values.status`; `outcome` and
 * `reason` through `values.reason`; `channel` ("Source", "How did you hear") through `values.channel`.
 */
export const importFields = [
  'firstName',
  'lastName',
  'fullName',
  'secondApplicantName',
  'email',
  'phone',
  'postcode',
  'enquiryDate',
  'channel',
  'campaign',
  'route',
  'initialVisitDate',
  'applicationDate',
  'assessmentDate',
  'panelDate',
  'approvalDate',
  'status',
  'reason',
  'closedDate',
  'deregisteredDate',
  'consentEmail',
  'consentPost',
  'consentPhone',
  'consentSms',
  'notes',
] as const;
export type ImportField = (typeof importFields)[number];

/** What a free-text status or outcome means: a stage reached, or a closure with its reason code. */
export type StatusValue =
  | { stage: Exclude<Stage, 'closed' | 'deregistered'> }
  | { stage: 'closed'; reason: string }
  | { stage: 'deregistered'; reason: string }
  | 'ignore';

/**
 * The person's confirmed mapping, saved by name and reused next month. Keys of `columns` are header
 * texts; value maps are keyed by the cell text trimmed and lower-cased.
 */
export interface ImportMapping {
  columns: Record<string, ImportField | 'ignore'>;
  values: {
    status: Record<string, StatusValue>;
    /** A reason column's text to a close or deregistration reason code (stages.ts). */
    reason: Record<string, string | 'ignore'>;
    channel: Record<string, Channel>;
    /** "Transfer", "Yes", "Mainstream"... to a route. */
    route: Record<string, Route>;
  };
  /** How an ambiguous all-number date is read; trackers in England are day first. */
  dateOrder: 'dmy' | 'mdy';
}

/** A mapping proposal: the mapping plus, per column and value, whether it was recognised or guessed. */
export interface ProposedMapping {
  mapping: ImportMapping;
  /** Headers the importer could not place (mapped to 'ignore' until the person chooses). */
  unrecognisedColumns: string[];
  /** Cell texts (per value map) with no proposal: the person must choose before importing. */
  unmappedValues: { status: string[]; reason: string[]; channel: string[]; route: string[] };
}

/** Something wrong with one cell or row: reported, never guessed. `column` is the header text. */
export interface ImportProblem {
  row: number;
  column: string | null;
  value: string | null;
  /** Why, and how to fix it, in plain English: "31/02/2024 is not a real date: correct it in the file". */
  message: string;
}

/**
 * Something the file did not evidence that the import filled in, recorded on the batch and the
 * household (not a problem: the row is imported).
 */
export interface ImportFlag {
  row: number;
  kind:
    | 'stage_filled' // a skipped stage (e.g. no assessment date) dated on the next known date
    | 'closed_undated' // closed (or deregistered: see `stage`) with no date: the last known date was used
    | 'no_contact_attempts' // closed for no response: the file does not evidence two attempts
    | 'no_panel_meeting' // approved without a panel meeting recorded here
    | 'first_contact_assumed'; // still a new enquiry: recorded as contacted on its enquiry date
  stage?: Stage;
  message: string;
}

/** One stage event of a planned history, in order; the first is always the enquiry. */
export interface PlannedEvent {
  stage: Stage;
  /** The day it happened (Europe/London); written as that day's midday UTC-safe instant by the repo. */
  on: IsoDate;
  reason?: string;
  /** True when the file did not give this date (see flags). */
  filled?: boolean;
}

/** A row that can be imported: a household, its applicants and its history. */
export interface PlannedHousehold {
  row: number;
  applicants: { firstName: string; lastName: string; email?: string; phone?: string }[];
  postcode: string;
  channel: Channel;
  route: Route;
  campaignCode?: string;
  /** Only where the file states it; recorded as "imported from <file>, as recorded by the service". */
  consent: Partial<Record<ConsentChannel, boolean>>;
  notes?: string;
  events: PlannedEvent[];
  flags: ImportFlag[];
}

/** A likely duplicate: of a household already in the service, or of an earlier row of the file. */
export interface ImportDuplicate {
  row: number;
  /** An existing enquiry's id, or the earlier row's number. */
  of: { enquiryId: string } | { row: number };
  /** What matched: 'email', 'phone', 'name and postcode'. */
  matchedOn: string;
}

/**
 * Per financial year ("2024-25"), what the committee table would gain from this file, counted by
 * the table's own rules (src/reports/funnel-measures.ts): `approvals` are households new to
 * fostering, transfers in are shown apart; `deregistrations` are approved households that left
 * (net carers).
 */
export interface YearGain {
  year: string;
  enquiries: number;
  initialVisits: number;
  applications: number;
  applicationsEnded: number;
  approvals: number;
  transfersIn: number;
  deregistrations: number;
}

/** The dry run's report, and the `--json` line of the CLI and the body of `POST /api/v1/imports`. */
export interface ImportReport {
  batchId: string;
  dryRun: boolean;
  fileName: string;
  rows: number;
  ready: number;
  imported: number;
  problems: ImportProblem[];
  duplicates: ImportDuplicate[];
  flags: ImportFlag[];
  gains: YearGain[];
  mapping: ImportMapping;
}
