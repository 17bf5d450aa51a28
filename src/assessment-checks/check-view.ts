/** One checklist item as a person or API client sees it: a concern's detail only for managers. */
import type { IsoDate } from '../calendar/dates.ts';
import type { CheckListRow } from './assessment-checks.repo.ts';
import type { AppliesTo, CheckOutcome, CheckStatus, RefereeKind } from './assessment-checks.table.ts';
import { expectedBy } from './checklist.ts';

export interface CheckView {
  id: string;
  checkType: {
    key: string;
    label: string;
    stage: 1 | 2;
    appliesTo: AppliesTo;
    expectedTurnaroundDays: number;
  };
  /** The adult or applicant it is for; null for the household's items and references. */
  person: { id: string; name: string; applicant: boolean } | null;
  referee: { name: string | null; email: string | null; kind: RefereeKind } | null;
  status: CheckStatus;
  requestedOn: IsoDate | null;
  lastChasedOn: IsoDate | null;
  chaseCount: number;
  receivedOn: IsoDate | null;
  /** `restricted` in place of a concern for those who may not see it. */
  outcome: CheckOutcome | 'restricted' | null;
  /** The reason it is not needed, or a note on the outcome; null when restricted. */
  outcomeNote: string | null;
  outcomeAt: Date | null;
  /** The day it is expected back: requested on + the type's turnaround; null until requested. */
  expectedBy: IsoDate | null;
  /** Whether the referee has submitted a reference online (its answers are restricted). */
  referenceSubmitted: boolean;
}

const personName = (row: CheckListRow) =>
  row.person?.firstName !== undefined && row.person?.firstName !== null
    ? `${row.person.firstName} ${row.person.lastName ?? ''}`.trim()
    : null;

/** The item's view; `seesConcerns` false replaces a concern and its note with `restricted`. */
export function checkView(row: CheckListRow, seesConcerns: boolean): CheckView {
  const c = row.check;
  const restricted = c.outcome === 'concern' && !seesConcerns;
  return {
    id: c.id,
    checkType: {
      key: row.type.key,
      label: row.type.label,
      stage: row.type.stage,
      appliesTo: row.type.appliesTo,
      expectedTurnaroundDays: row.type.expectedTurnaroundDays,
    },
    person: c.personId
      ? { id: c.personId, name: personName(row) ?? '', applicant: row.person?.kind === 'applicant' }
      : null,
    referee: c.refereeKind ? { name: c.refereeName, email: c.refereeEmail, kind: c.refereeKind } : null,
    status: c.status,
    requestedOn: c.requestedOn,
    lastChasedOn: c.lastChasedOn,
    chaseCount: c.chaseCount,
    receivedOn: c.receivedOn,
    outcome: restricted ? 'restricted' : c.outcome,
    outcomeNote: restricted ? null : c.outcomeNote,
    outcomeAt: c.outcomeAt,
    expectedBy: c.requestedOn ? expectedBy(c.requestedOn, row.type.expectedTurnaroundDays) : null,
    referenceSubmitted: c.submittedAt !== null,
  };
}

/** "Enhanced DBS check (Sam Jones)", "Personal reference (A. Referee)": for the panel guard's message. */
export function outstandingLabel(row: CheckListRow): string {
  const who = personName(row) ?? row.check.refereeName;
  return who ? `${row.type.label} (${who})` : row.type.label;
}
