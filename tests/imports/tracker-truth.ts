/**
 * The independent count of a tracker fixture (issue 14 acceptance): what the committee table must
 * show after importing it, worked out from the CSV file alone, with csv-parse and a date reader of
 * its own (nothing from src/imports), so a mistake in the importer cannot hide in both.
 *
 * Rules applied (issue 14 §3, docs/domain.md §3 and §6 "The committee table", src/reports/funnel-measures.ts):
 *
 * Reading
 *  R1. Row numbers are the spreadsheet's: the header is row 1, the first data row row 2. A row whose
 *      cells are all blank is skipped but keeps its number; it is neither counted nor a problem.
 *  R2. Cells are trimmed; texts (status, outcome, transfer) are compared in lower case.
 *  R3. Dates are day first: dd/mm/yyyy, d/m/yy (20yy), d-Mon-yyyy, yyyy-mm-dd, or an Excel serial
 *      day number (days since 30 December 1899). A date that does not exist (31/02/2024,
 *      29/02/2023) is a problem, never rolled over.
 *
 * Problems (the row is reported and not imported)
 *  P1. No name.  P2. No enquiry date.  P3. A date that cannot be read or does not exist.
 *  P4. A status or outcome text with no meaning below ("Parked", "See email from Sandra").
 *  P5. Dates out of order: each of enquiry ≤ IV ≤ application ≤ panel ≤ approved ≤ deregistered,
 *      and a withdrawal date on or after every stage date, must hold where both are given.
 *
 * Likely duplicates (listed, not problems, and not imported: the importer's default, issue 14 §4 and
 * src/imports/import-check.service.ts)
 *  D1. A good row is a likely duplicate of the first earlier good row that has its email (trimmed,
 *      any case), its phone number (spaces dropped, +44 read as 0), or its surname (the name's last
 *      word, ignoring case, accents and apostrophes) with its postcode (spaces dropped, any case).
 *      Every key of every good row counts from the first row that has it. So a row typed in twice
 *      and a person entered again are imported once, as their first row.
 *
 * The history each good row becomes (the stage events the importer is specified to write)
 *  H1. An enquiry on the enquiry date; route `transfer` when "Transfer" is yes/y, else `mainstream`.
 *  H2. The furthest stage reached is the latest of: the dated columns (IV, application, panel,
 *      approved) and the stage the status names. Every stage from initial visit up to it is moved
 *      into, in order; a stage with no date of its own (a skipped IV, the assessment the tracker
 *      never dates, a missing panel date) takes the next known later date.
 *  H3. A closed status (withdrawn, NFA, no response, not recommended, closed) closes from the
 *      furthest stage, on the "Withdrawn" date, or when blank on the last known date (flagged).
 *  H4. A left status (retired, resigned, deregistered) deregisters from approved on the
 *      "Deregistered" date.
 *
 * Counting, per financial year (1 April to 31 March, named by its start: 2024 is 2024-25), each
 * event in the year its date falls in (the dates are London calendar dates):
 *  enquiries: enquiries (both routes) · initial_visits: moves into initial visit (both routes) ·
 *  applications: moves into application (both routes) · applications_ended: closures from
 *  application, assessment or panel · approvals: moves into approved, mainstream route only ·
 *  transfers_in: moves into approved, transfer route · deregistrations: every deregistration ·
 *  information_session_households: 0 (a tracker records no session attendance).
 */
import { parse } from 'csv-parse/sync';

export const committeeMeasures = [
  'information_session_households',
  'enquiries',
  'initial_visits',
  'applications',
  'applications_ended',
  'approvals',
  'transfers_in',
] as const;
export type CommitteeFigures = Record<(typeof committeeMeasures)[number] | 'deregistrations', number>;

export interface TrackerTruth {
  /** Data rows that are not entirely blank. */
  rows: number;
  /** Rows without problems that are not likely duplicates: the households imported. */
  ready: number;
  /** Row number → why it cannot be imported. */
  problems: Map<number, string[]>;
  /** Financial year start ("2024") → the figures the committee table gains. */
  years: Map<string, CommitteeFigures>;
  /** Good rows that are likely duplicates (D1) → the earlier row they repeat. */
  duplicates: Map<number, number>;
  /** Of those, rows that repeat an earlier row cell for cell (typed in twice) → that earlier row. */
  repeats: Map<number, number>;
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A day-first tracker date as YYYY-MM-DD, or null when it is not a real date (R3). */
export function readDate(text: string): string | null {
  const real = (y: number, m: number, d: number) => {
    const probe = new Date(Date.UTC(y, m - 1, d));
    const ok = probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
    return ok ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : null;
  };
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(text);
  if (match) {
    const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    return real(year, Number(match[2]), Number(match[1]));
  }
  match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  if (match) {
    const month = monthNames.indexOf(match[2]!.toLowerCase()) + 1;
    return month ? real(Number(match[3]), month, Number(match[1])) : null;
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) return real(Number(match[1]), Number(match[2]), Number(match[3]));
  if (/^\d{5}$/.test(text)) {
    const day = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    return real(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
  }
  return null;
}

const pipeline = ['enquiry', 'initial_visit', 'application', 'assessment', 'panel', 'approved'] as const;
type Reached = (typeof pipeline)[number];

/** What each status text means (H2–H4): a stage reached, or an ending. */
const statusMeaning: Record<string, Reached | 'closed' | 'deregistered'> = {
  enquiry: 'enquiry',
  'new enquiry': 'enquiry',
  'iv done': 'initial_visit',
  'iv completed': 'initial_visit',
  application: 'application',
  'application received': 'application',
  panel: 'panel',
  'panel booked': 'panel',
  approved: 'approved',
  withdrawn: 'closed',
  'withdrawn - finances': 'closed',
  'withdrawn (health)': 'closed',
  nfa: 'closed',
  'no response': 'closed',
  'not recommended by panel': 'closed',
  closed: 'closed',
  retired: 'deregistered',
  resigned: 'deregistered',
  deregistered: 'deregistered',
};
/** Outcome texts name why it closed or why the carer left; they do not change the counts. */
const outcomeMeaning: Record<string, 'closed' | 'deregistered'> = {
  'withdrawn - finances': 'closed',
  'withdrawn (health)': 'closed',
  'no response': 'closed',
  'not recommended': 'closed',
  retired: 'deregistered',
};

const dateColumns = {
  enquiry: 'Date of enquiry',
  initial_visit: 'IV date',
  application: 'Application received',
  panel: 'Panel date',
  approved: 'Approved',
  withdrawn: 'Withdrawn',
  deregistered: 'Deregistered',
} as const;
type DateKey = keyof typeof dateColumns;

const financialYear = (date: string) => {
  const year = Number(date.slice(0, 4));
  return String(date.slice(5) >= '04-01' ? year : year - 1);
};

/** Counts a CSV tracker (UTF-8, comma-delimited) by the rules at the top of this file. */
export function trackerTruth(csv: string): TrackerTruth {
  const [headers, ...records] = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  const column = (name: string) => headers!.indexOf(name);
  const truth: TrackerTruth = {
    rows: 0,
    ready: 0,
    problems: new Map(),
    years: new Map(),
    duplicates: new Map(),
    repeats: new Map(),
  };
  const seen = new Map<string, number>();
  const firstWithKey = new Map<string, number>();
  const count = (measure: keyof CommitteeFigures, date: string) => {
    const year = financialYear(date);
    if (!truth.years.has(year)) {
      const zero = Object.fromEntries([...committeeMeasures, 'deregistrations'].map((m) => [m, 0]));
      truth.years.set(year, zero as CommitteeFigures);
    }
    truth.years.get(year)![measure] += 1;
  };

  records.forEach((cells, index) => {
    const rowNumber = index + 2;
    const cell = (name: string) => (cells[column(name)] ?? '').trim();
    if (cells.every((c) => c.trim() === '')) return;
    truth.rows += 1;
    const problems: string[] = [];
    if (!cell('Name')) problems.push('no name');
    const dates: Partial<Record<DateKey, string>> = {};
    for (const [key, name] of Object.entries(dateColumns) as [DateKey, string][]) {
      if (!cell(name)) continue;
      const date = readDate(cell(name));
      if (date) dates[key] = date;
      else problems.push(`${name}: "${cell(name)}" is not a real date`);
    }
    if (!cell('Date of enquiry')) problems.push('no enquiry date');
    const status = cell('Status').toLowerCase();
    const outcome = cell('Outcome').toLowerCase();
    if (status && !statusMeaning[status]) problems.push(`unknown status "${status}"`);
    if (outcome && !outcomeMeaning[outcome]) problems.push(`unknown outcome "${outcome}"`);
    const inOrder = (
      ['enquiry', 'initial_visit', 'application', 'panel', 'approved', 'deregistered'] as const
    )
      .map((k) => dates[k])
      .filter((d): d is string => d !== undefined);
    if (inOrder.some((d, i) => i > 0 && d < inOrder[i - 1]!)) problems.push('dates out of order');
    if (dates.withdrawn && inOrder.some((d) => d > dates.withdrawn!))
      problems.push('withdrawn before a stage date');
    if (problems.length) {
      truth.problems.set(rowNumber, problems);
      return;
    }
    const whole = JSON.stringify(cells.map((c) => c.trim()));
    if (seen.has(whole)) truth.repeats.set(rowNumber, seen.get(whole)!);
    else seen.set(whole, rowNumber);
    let earlier: number | undefined;
    for (const key of identityKeys(cell('Name'), cell('Email'), cell('Phone'), cell('Postcode'))) {
      if (firstWithKey.has(key)) earlier ??= firstWithKey.get(key);
      else firstWithKey.set(key, rowNumber);
    }
    if (earlier !== undefined) return void truth.duplicates.set(rowNumber, earlier);
    truth.ready += 1;
    history(
      dates,
      statusMeaning[status] ?? outcomeMeaning[outcome],
      ['yes', 'y'].includes(cell('Transfer').toLowerCase()),
      count,
    );
  });
  return truth;
}

/** D1's keys: email, phone, and surname with postcode. */
function identityKeys(name: string, email: string, phone: string, postcode: string) {
  const surname = name
    .split(/\s+/)
    .at(-1)!
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/g, '')
    .replace(/-/g, ' ')
    .toLowerCase();
  const keys = [`surname ${surname} ${postcode.replace(/\s/g, '').toUpperCase()}`];
  if (email) keys.push(`email ${email.toLowerCase()}`);
  if (phone) keys.push(`phone ${phone.replace(/\s/g, '').replace(/^\+44/, '0')}`);
  return keys;
}

/** The stage events a good row becomes (H1–H4), each counted as it is written. */
function history(
  dates: Partial<Record<DateKey, string>>,
  status: Reached | 'closed' | 'deregistered' | undefined,
  transfer: boolean,
  count: (measure: keyof CommitteeFigures, date: string) => void,
) {
  const dated = (stage: Reached) =>
    stage === 'assessment' ? undefined : dates[stage as Exclude<Reached, 'assessment'>];
  let furthest = 0;
  pipeline.forEach((stage, i) => {
    if (dated(stage)) furthest = i;
  });
  const named = status === 'deregistered' ? 'approved' : status && status !== 'closed' ? status : 'enquiry';
  furthest = Math.max(furthest, pipeline.indexOf(named));

  count('enquiries', dates.enquiry!);
  let last = dates.enquiry!;
  for (let i = 1; i <= furthest; i++) {
    const stage = pipeline[i]!;
    // A stage with no date of its own takes the next known later date (H2).
    const on =
      dated(stage) ??
      pipeline
        .slice(i + 1, furthest + 1)
        .map(dated)
        .find((d) => d !== undefined) ??
      last;
    last = on;
    if (stage === 'initial_visit') count('initial_visits', on);
    if (stage === 'application') count('applications', on);
    if (stage === 'approved') count(transfer ? 'transfers_in' : 'approvals', on);
  }
  if (status === 'closed') {
    const on = dates.withdrawn ?? last;
    if (['application', 'assessment', 'panel'].includes(pipeline[furthest]!)) count('applications_ended', on);
  }
  if (status === 'deregistered') count('deregistrations', dates.deregistered!);
}
