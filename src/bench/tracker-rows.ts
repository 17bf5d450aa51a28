import { daysBetween, type IsoDate } from '../calendar/dates.ts';
import { seededRandom, trueHistory, type Random, type TrueHistory } from './tracker-history.ts';
import { person, type Person } from './tracker-people.ts';

/**
 * A synthetic council tracker spreadsheet, as messy as real ones (issue 14): dates in five formats
 * (dd/mm/yyyy, d/m/yy, 3-Mar-2024, ISO, Excel serial numbers), free-text stages and outcomes in
 * mixed case with trailing spaces, blank cells, skipped stages, closures without a date, names with
 * accents and apostrophes, transfers, carers approved then retired, repeated rows, and a few rows a
 * person must fix: impossible dates, dates out of order, missing names, statuses nobody can map.
 * Used by tests/fixtures/imports/make-tracker.ts (the committed fixtures) and the import benchmark.
 */

export const trackerHeaders = [
  'Name',
  'Date of enquiry',
  'How did you hear',
  'Postcode',
  'Email',
  'Phone',
  'IV date',
  'Application received',
  'Panel date',
  'Approved',
  'Status',
  'Outcome',
  'Withdrawn',
  'Deregistered',
  'Transfer',
  'Campaign',
  'Notes',
] as const;
type Column = (typeof trackerHeaders)[number];

/**
 * A cell: text as typed, a date typed as dd/mm/yyyy (a real date cell in XLSX), or an Excel serial
 * day number (a number in XLSX, digits in CSV).
 */
export type TrackerCell = string | { date: IsoDate } | { serial: number };
export type TrackerRow = Record<Column, TrackerCell>;

/** Why the generator made a row one a person must fix (cross-checked by tests/imports/tracker-truth.ts). */
export type IntendedProblem = 'impossible_date' | 'out_of_order' | 'missing_name' | 'unknown_status';

export interface Tracker {
  headers: readonly string[];
  rows: TrackerCell[][];
  /** Spreadsheet row number (header = 1) → the mistake put there on purpose. */
  intended: Map<number, IntendedProblem>;
}

const heard = ['Website', 'website ', 'Facebook', 'Phone', 'Email', 'Event', 'event', 'Walk in', 'Other', ''];
const campaigns = ['', '', '', 'FCF-24', 'BUS-23', 'fcf-25 ', 'RADIO-24'];
const notes = [
  '',
  '',
  '',
  '',
  'Called twice, no answer',
  'Wants to foster teens; has a spare room',
  'Said "maybe next year"',
  'Partner works nights\nCall after 6pm',
  'Café owner – flexible hours',
  'Attended info session, keen',
  '€50 voucher given at the county show',
];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Texts no importer can know: the person must say what they mean. */
const unknownStatuses = ['Parked', 'See email from Sandra'];

/** Status and Outcome as a team writes them, for each way a story can stand or end. */
function statusCells(random: Random, h: TrueHistory): [status: string, outcome: string] {
  const e = h.ending;
  if (e.kind === 'deregistered') {
    if (e.reason === 'retired')
      return random.pick([
        ['Retired', ''],
        ['Deregistered', 'Retired'],
        ['retired ', ''],
      ]);
    return random.pick([
      ['Resigned', ''],
      ['Deregistered', ''],
    ]);
  }
  if (e.kind === 'closed') {
    const texts: Record<typeof e.reason, [string, string][]> = {
      finances: [
        ['Withdrawn - finances', ''],
        ['Withdrawn', 'Withdrawn - finances'],
        ['WITHDRAWN - FINANCES', ''],
      ],
      health: [
        ['withdrawn (health)', ''],
        ['Withdrawn', 'withdrawn (health)'],
      ],
      other: [
        ['Withdrawn', ''],
        ['withdrawn ', ''],
      ],
      nfa: [
        ['NFA', ''],
        ['nfa', ''],
      ],
      no_response: [
        ['No response', ''],
        ['Closed', 'No response'],
        ['no response ', ''],
      ],
      not_recommended: [
        ['Not recommended by panel', ''],
        ['Closed', 'Not recommended'],
      ],
    };
    return random.pick(texts[e.reason]);
  }
  if (h.approved) return [random.pick(['Approved', 'approved ', 'APPROVED', '']), ''];
  if (h.panel) return [random.pick(['Panel', 'Panel booked']), ''];
  if (h.application) return [random.pick(['Application', 'Application received', '']), ''];
  if (h.initialVisit) return [random.pick(['IV done', 'IV completed', '']), ''];
  return [random.pick(['Enquiry', 'enquiry', 'New enquiry', '']), ''];
}

/** A real date the way it was typed: mostly dd/mm/yyyy, sometimes another format. */
function typedDate(random: Random, iso: IsoDate): TrackerCell {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const roll = random.next();
  if (roll < 0.7) return { date: iso };
  if (roll < 0.8) return `${d}/${m}/${String(y).slice(2)}`;
  if (roll < 0.88) return `${d}-${months[m - 1]}-${y}`;
  if (roll < 0.95) return iso;
  return { serial: daysBetween('1899-12-30', iso) };
}

function rowOf(random: Random, who: Person, h: TrueHistory): TrackerRow {
  const date = (iso: IsoDate | undefined) => (iso ? typedDate(random, iso) : '');
  const [status, outcome] = statusCells(random, h);
  const closed = h.ending.kind === 'closed';
  return {
    Name: who.name,
    'Date of enquiry': date(h.enquiry),
    'How did you hear': random.pick(heard),
    Postcode: who.postcode,
    Email: who.email,
    Phone: who.phone,
    // Trackers skip stages: no IV date on some applications, no panel date on some approvals.
    'IV date': h.application && random.chance(0.15) ? '' : date(h.initialVisit),
    'Application received': date(h.application),
    'Panel date': h.approved && random.chance(0.2) ? '' : date(h.panel),
    Approved: date(h.approved),
    Status: status,
    Outcome: outcome,
    // Some closures were never dated: the importer uses the last known date and flags it.
    Withdrawn: closed && random.chance(0.8) ? date(h.ended) : '',
    Deregistered: h.ending.kind === 'deregistered' ? date(h.ended) : '',
    Transfer: h.transfer ? random.pick(['Yes', 'Y', 'yes ']) : random.pick(['', '', '', 'No', 'N']),
    Campaign: random.pick(campaigns),
    Notes: random.pick(notes),
  };
}

const mistakes: IntendedProblem[] = ['impossible_date', 'out_of_order', 'missing_name', 'unknown_status'];
const impossibleDates = [
  '31/02/2024',
  '29/02/2023',
  '31/04/2025',
  '30/02/2025',
  '31/06/2024',
  '31/09/2023',
  '31/11/2025',
];
const dateColumns = [
  'Date of enquiry',
  'IV date',
  'Application received',
  'Panel date',
  'Approved',
  'Withdrawn',
] as const;

/** Puts one mistake a person must fix into a row; returns false when this row cannot carry it. */
function spoil(random: Random, row: TrackerRow, h: TrueHistory, kind: IntendedProblem, nth: number) {
  if (kind === 'missing_name') row.Name = nth % 2 ? '' : '   ';
  if (kind === 'unknown_status') row.Status = unknownStatuses[nth % unknownStatuses.length]!;
  if (kind === 'impossible_date') {
    const present = dateColumns.filter((c) => row[c] !== '');
    row[random.pick(present)] = impossibleDates[nth % impossibleDates.length]!;
  }
  if (kind === 'out_of_order') {
    // In turn: the approval typed before the application (the two dates swapped), and an initial
    // visit a year before the enquiry (the wrong year typed).
    if (nth % 2 === 0) {
      if (!h.approved || !h.application) return false;
      [row.Approved, row['Application received']] = [row['Application received'], row.Approved];
    } else {
      if (!h.initialVisit || row['IV date'] === '') return false;
      row['IV date'] = `${h.enquiry.slice(8)}/${h.enquiry.slice(5, 7)}/${Number(h.enquiry.slice(0, 4)) - 1}`;
    }
  }
  return true;
}

/**
 * A tracker of about `households` × 1.03 data rows: households enquiring between `firstDay` and
 * `lastEnquiry`, every later event on or before `lastDay`; the same seed gives the same tracker.
 */
export function generateTracker(options: {
  households: number;
  seed: number;
  firstDay: IsoDate;
  lastEnquiry: IsoDate;
  lastDay: IsoDate;
}): Tracker {
  const random = seededRandom(options.seed);
  const stories = Array.from({ length: options.households }, (_, index) => ({
    who: person(random, index),
    h: trueHistory(random, options),
  }));
  stories.sort((a, b) => (a.h.enquiry < b.h.enquiry ? -1 : a.h.enquiry > b.h.enquiry ? 1 : 0));
  // Someone who closed comes back later and is entered again on a new line.
  for (let i = 0; i < stories.length; i++) {
    const earlier = stories[i]!;
    if (earlier.h.ending.kind === 'closed' && earlier.h.ended && random.chance(0.03)) {
      const again = trueHistory(random, {
        ...options,
        firstDay: earlier.h.ended,
        lastEnquiry: options.lastEnquiry > earlier.h.ended ? options.lastEnquiry : earlier.h.ended,
      });
      if (again.enquiry > earlier.h.ended) stories.push({ who: earlier.who, h: again });
    }
  }
  stories.sort((a, b) => (a.h.enquiry < b.h.enquiry ? -1 : a.h.enquiry > b.h.enquiry ? 1 : 0));

  const rows: TrackerCell[][] = [];
  const intended = new Map<number, IntendedProblem>();
  const counts = new Map<IntendedProblem, number>();
  const cells = (row: TrackerRow) => trackerHeaders.map((c) => row[c]);
  const duplicates: TrackerCell[][] = [];
  let carried: IntendedProblem | undefined;
  for (const [k, { who, h }] of stories.entries()) {
    const row = rowOf(random, who, h);
    // One row in 25 carries a mistake, the four kinds in turn; one this row cannot carry goes to the next.
    const kind = carried ?? (k % 25 === 12 ? mistakes[Math.floor(k / 25) % 4] : undefined);
    carried = kind;
    if (kind && spoil(random, row, h, kind, counts.get(kind) ?? 0)) {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      intended.set(rows.length + 2, kind);
      carried = undefined;
    } else if (random.chance(0.012)) {
      duplicates.push(cells(row)); // typed in twice: the copy lands a few lines further down
    }
    rows.push(cells(row));
    if (duplicates.length && random.chance(0.3)) rows.push(duplicates.shift()!);
    if (rows.length === Math.floor(options.households / 2)) rows.push(trackerHeaders.map(() => ''));
  }
  rows.push(...duplicates);
  return { headers: trackerHeaders, rows, intended };
}
