/**
 * A row's history (issue 14 §3): each dated column becomes a stage event on its date, walked through
 * the state machine of pipeline/stages.ts. What the file contradicts is a problem; what it leaves
 * out is filled and flagged, never guessed.
 */
import type { IsoDate } from '../calendar/dates.ts';
import {
  canMove,
  closeReasons,
  deregistrationReasons,
  nextStages,
  reasonLabel,
  reasonsFor,
  stageLabels,
  type Stage,
} from '../pipeline/stages.ts';
import type { ImportFlag, PlannedEvent } from './import-types.ts';
import type { DateField, RowValues } from './plan-cells.ts';
import type { RowCells } from './row-cells.ts';

type Terminal = 'closed' | 'deregistered';

/** Enquiry to approval, read from the state machine: at each stage, the move that is not an exit. */
export const mainLine: Stage[] = (() => {
  const line: Stage[] = ['enquiry'];
  for (;;) {
    const next = (nextStages[line.at(-1)!] as readonly Stage[]).find(
      (s) => s !== 'closed' && s !== 'deregistered' && !line.includes(s),
    );
    if (!next) return line;
    line.push(next);
  }
})();

const dateFieldOf: Record<Stage, DateField> = {
  enquiry: 'enquiryDate',
  initial_visit: 'initialVisitDate',
  application: 'applicationDate',
  assessment: 'assessmentDate',
  panel: 'panelDate',
  approved: 'approvalDate',
  closed: 'closedDate',
  deregistered: 'deregisteredDate',
};

// "Other or unknown" before approval and "Other" after it are one meaning, in two code lists.
const GENERIC: Record<Terminal, string> = { closed: 'AW0', deregistered: 'other' };
const isCloseCode = (code: string) => Object.hasOwn(closeReasons, code);
const isDeregistrationCode = (code: string) => Object.hasOwn(deregistrationReasons, code);
const lower = (stage: Stage) => stageLabels[stage].toLowerCase();
const withArticle = (word: string) => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;

export interface PlannedHistory {
  events: PlannedEvent[];
  flags: ImportFlag[];
}

/**
 * Builds the row's events, or records problems on `row` and returns undefined.
 * - The enquiry date is required. Dated stages must not go backwards in time (same day is fine).
 * - The furthest dated stage is where the row got to; a stage before it without a date is dated on
 *   the next date the file gives, `filled: true`, flag `stage_filled` (and `no_panel_meeting` when
 *   approved with no panel date).
 * - A closed or deregistered date, a status that says closed or deregistered, or a reason with no
 *   other status ends the history with that move, if the state machine allows it from where the row
 *   got to; its reason must be one `reasonsFor` allows there. No date: the last known date, flag
 *   `closed_undated`. No reason: AW0 "Other or unknown" (closed) or "Other" (deregistered).
 *   Closed for no response: flag `no_contact_attempts` (the file does not evidence two attempts).
 * - A status must agree with the dates: "Approved" without an approval date, "Enquiry" with an
 *   application date or an open stage with a closed date are problems.
 */
export function planHistory(row: RowCells, values: RowValues): PlannedHistory | undefined {
  const { dates } = values;
  if (!dates.enquiryDate) {
    row.problem('enquiryDate', 'The enquiry date is blank: add the date the enquiry came in');
    return undefined;
  }
  const dated = mainLine.filter((stage) => dates[dateFieldOf[stage]] !== undefined);
  checkOrder(
    row,
    dated.map((stage) => [stage, dates[dateFieldOf[stage]]!]),
  );
  const reached = dated.at(-1)!;
  checkStatus(row, values, reached);
  const terminal = terminalOf(row, values, reached);
  if (row.problems.length > 0) return undefined;
  const history = mainEvents(row.rowNumber, values, reached);
  if (terminal) endHistory(row, values, reached, terminal, history);
  return row.problems.length > 0 ? undefined : history;
}

function checkOrder(row: RowCells, dated: [Stage, IsoDate][]) {
  for (let i = 1; i < dated.length; i += 1) {
    const [stage, on] = dated[i]!;
    const [before, beforeOn] = dated[i - 1]!;
    if (on < beforeOn)
      row.problem(
        dateFieldOf[stage],
        `The ${lower(stage)} date (${on}) is before the ${lower(before)} date (${beforeOn}): correct one of them in the file`,
      );
  }
}

const statusText = (row: RowCells) => `Status "${row.cell('status')}"`;

/** A status naming an open stage must be exactly where the dates got to, and the row not ended. */
function checkStatus(row: RowCells, values: RowValues, reached: Stage) {
  const status = values.status;
  if (!status || status.stage === 'closed' || status.stage === 'deregistered') return;
  const said = mainLine.indexOf(status.stage);
  const got = mainLine.indexOf(reached);
  if (said > got)
    row.problem(
      'status',
      `${statusText(row)} says ${lower(status.stage)}, but the row has no ${lower(status.stage)} date: add the date in the ${row.header(dateFieldOf[status.stage])} column, or correct the status`,
    );
  else if (said < got)
    row.problem(
      'status',
      `${statusText(row)} says ${lower(status.stage)}, but the row has ${withArticle(lower(reached))} date: correct the status or the date`,
    );
  const ended = values.dates.closedDate ?? values.dates.deregisteredDate ?? values.reason;
  if (ended !== undefined)
    row.problem(
      'status',
      `${statusText(row)} says the household is at ${lower(status.stage)}, but the row also gives a closed or deregistered date or a reason: correct the status or remove the other`,
    );
}

/** How the row ended, if it did, from its dates, status and reason. */
function terminalOf(row: RowCells, values: RowValues, reached: Stage): Terminal | undefined {
  const { dates, status, reason } = values;
  if (dates.closedDate && dates.deregisteredDate) {
    row.problem(
      'deregisteredDate',
      'The row has both a closed date and a deregistered date: a household is closed before approval or deregistered after it; keep one',
    );
    return undefined;
  }
  const saysEnded = status?.stage === 'closed' || status?.stage === 'deregistered' ? status.stage : undefined;
  const dateSays = dates.deregisteredDate ? 'deregistered' : dates.closedDate ? 'closed' : undefined;
  if (saysEnded && dateSays && saysEnded !== dateSays) {
    row.problem(
      'status',
      `${statusText(row)} says ${saysEnded}, but the row has ${withArticle(dateSays)} date: correct the status or move the date`,
    );
    return undefined;
  }
  if (dates.deregisteredDate || status?.stage === 'deregistered') return 'deregistered';
  if (dates.closedDate || status?.stage === 'closed') return 'closed';
  if (status || reason === undefined) return undefined;
  if (reason === GENERIC.closed || reason === GENERIC.deregistered)
    return reached === 'approved' ? 'deregistered' : 'closed';
  return isDeregistrationCode(reason) ? 'deregistered' : 'closed';
}

/** The main-line events up to `reached`; undated stages take the next date given, flagged. */
function mainEvents(rowNumber: number, values: RowValues, reached: Stage): PlannedHistory {
  const events: PlannedEvent[] = [];
  const flags: ImportFlag[] = [];
  const line = mainLine.slice(0, mainLine.indexOf(reached) + 1);
  line.forEach((stage, i) => {
    const own = values.dates[dateFieldOf[stage]];
    if (i > 0 && !canMove(line[i - 1]!, stage)) throw new Error(`mainLine broken at ${stage}`);
    if (own) return events.push({ stage, on: own });
    const on = line
      .slice(i + 1)
      .map((s) => values.dates[dateFieldOf[s]])
      .find(Boolean)!;
    events.push({ stage, on, filled: true });
    flags.push({
      row: rowNumber,
      kind: 'stage_filled',
      stage,
      message: `The file gives no ${lower(stage)} date: dated ${on}, the next date it gives`,
    });
  });
  if (reached === 'approved' && !values.dates.panelDate)
    flags.push({
      row: rowNumber,
      kind: 'no_panel_meeting',
      stage: 'approved',
      message: 'Approved, but the file records no panel meeting',
    });
  return { events, flags };
}

/** The closing or deregistration event: allowed from `reached`, with a reason allowed there. */
function endHistory(row: RowCells, values: RowValues, reached: Stage, to: Terminal, history: PlannedHistory) {
  const field = dateFieldOf[to];
  if (!canMove(reached, to)) {
    const why =
      to === 'closed'
        ? `an approved household cannot be closed; if they left fostering, put the date in the deregistered column`
        : `only an approved household can be deregistered; add the approval date, or if they stopped before approval, mark the row closed`;
    row.problem(
      values.dates[field] ? field : values.status ? 'status' : 'reason',
      `The row is ${lower(to)} after ${lower(reached)}: ${why}`,
    );
    return;
  }
  const reason = reasonFor(row, values, to);
  if (reason === undefined) return;
  if (!Object.hasOwn(reasonsFor(reached, to), reason)) {
    row.problem(
      values.reason !== undefined ? 'reason' : 'status',
      `"${reasonLabel(reason)}" is not a reason for closing at the ${lower(reached)} stage: choose another reason for it on the mapping page, or correct the dates`,
    );
    return;
  }
  const last = history.events.at(-1)!.on;
  const on = values.dates[field];
  if (on !== undefined && on < last) {
    row.problem(
      field,
      `The ${lower(to)} date (${on}) is before the ${lower(reached)} date (${last}): correct one of them in the file`,
    );
    return;
  }
  history.events.push({ stage: to, on: on ?? last, reason, ...(on ? {} : { filled: true }) });
  if (!on)
    history.flags.push({
      row: row.rowNumber,
      kind: 'closed_undated',
      stage: to,
      message: `${stageLabels[to]} with no date in the file: dated ${last}, the last date it gives`,
    });
  if (reason === 'no_response')
    history.flags.push({
      row: row.rowNumber,
      kind: 'no_contact_attempts',
      stage: 'closed',
      message: 'Closed for no response: the file does not show the two contact attempts',
    });
}

/**
 * The reason from the status and the reason column: a specific one beats the generic "other"; two
 * different specific ones are a problem. Codes of the other list are refused, except "other".
 */
function reasonFor(row: RowCells, values: RowValues, to: Terminal): string | undefined {
  const belongs = to === 'closed' ? isCloseCode : isDeregistrationCode;
  const asTerminal = (code: string | undefined) =>
    code === GENERIC.closed || code === GENERIC.deregistered ? GENERIC[to] : code;
  const fromStatus =
    values.status && 'reason' in values.status ? asTerminal(values.status.reason) : undefined;
  const fromColumn = asTerminal(values.reason);
  if (fromColumn !== undefined && !belongs(fromColumn)) {
    row.problem(
      'reason',
      `"${reasonLabel(fromColumn)}" is a reason for ${to === 'closed' ? 'leaving after approval' : 'closing before approval'}, but this row is ${lower(to)}: choose another reason for it on the mapping page, or correct the dates`,
    );
    return undefined;
  }
  const specific = [fromStatus, fromColumn].filter((c) => c !== undefined && c !== GENERIC[to]);
  if (specific.length === 2 && specific[0] !== specific[1]) {
    row.problem(
      'reason',
      `The status says "${reasonLabel(specific[0])}" but the reason says "${reasonLabel(specific[1])}": make them agree in the file or on the mapping page`,
    );
    return undefined;
  }
  return specific[0] ?? GENERIC[to];
}
