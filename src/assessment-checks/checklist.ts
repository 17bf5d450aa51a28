/**
 * The rules of a household's assessment checklist, pure (no database, no clock of its own): who is
 * an adult, which items the household needs, which status moves are possible, what is outstanding.
 */
import { addDays, addMonths, type IsoDate } from '../calendar/dates.ts';
import type { Relationship } from '../households/households.table.ts';
import type { AppliesTo, CheckOutcome, CheckStatus } from './assessment-checks.table.ts';

/** Age of majority: enhanced DBS checks are for every adult (18 and over) in the household. */
export const ADULT_AGE = 18;

/** Relationships that are adults by definition, when no date of birth is recorded. */
const adultRelationships: readonly Relationship[] = ['partner', 'adult_child', 'parent', 'other_adult'];

export interface HouseholdPerson {
  id: string;
  kind: 'applicant' | 'member';
  relationship: Relationship | null;
  dateOfBirth: IsoDate | null;
}

/**
 * Whether a person counts as an adult of the household on `today`: every applicant; a member aged
 * 18 or over by their date of birth (a child who has turned 18 included); a member with no date of
 * birth whose relationship is an adult one (partner, adult child, parent, other adult).
 */
export function isAdult(person: HouseholdPerson, today: IsoDate): boolean {
  if (person.kind === 'applicant') return true;
  if (person.dateOfBirth) return addMonths(person.dateOfBirth, 12 * ADULT_AGE) <= today;
  return person.relationship !== null && adultRelationships.includes(person.relationship);
}

export interface ChecklistType {
  id: string;
  appliesTo: AppliesTo;
  active: boolean;
}

export interface ExistingItem {
  checkTypeId: string;
  personId: string | null;
  refereeKind: string | null;
}

export interface WantedItem {
  checkTypeId: string;
  personId: string | null;
}

/**
 * The items a household's checklist lacks: for each active type, one per adult (`each_adult`), per
 * applicant (`each_applicant`) or one for the household. Referees' items are made when a referee is
 * entered, never here. Items already there (whatever their state) are never made again, and items
 * of people who are no longer adults are kept: nothing recorded is lost.
 */
export function missingItems(
  types: readonly ChecklistType[],
  people: readonly HouseholdPerson[],
  existing: readonly ExistingItem[],
  today: IsoDate,
): WantedItem[] {
  const has = new Set(
    existing.map((e) => `${e.checkTypeId}:${e.personId ?? (e.refereeKind ? 'referee' : '')}`),
  );
  const wanted: WantedItem[] = [];
  for (const type of types.filter((t) => t.active)) {
    const forPeople =
      type.appliesTo === 'each_adult'
        ? people.filter((p) => isAdult(p, today))
        : type.appliesTo === 'each_applicant'
          ? people.filter((p) => p.kind === 'applicant')
          : null;
    if (type.appliesTo === 'each_referee') continue;
    const items = forPeople
      ? forPeople.map((p) => ({ checkTypeId: type.id, personId: p.id }))
      : [{ checkTypeId: type.id, personId: null }];
    wanted.push(...items.filter((i) => !has.has(`${i.checkTypeId}:${i.personId ?? ''}`)));
  }
  return wanted;
}

/** An item still holding the household up: not received and not marked not needed. */
export const isOutstanding = (item: { status: CheckStatus; outcome: CheckOutcome | null }) =>
  item.status !== 'received' && item.outcome !== 'not_needed';

/** What may follow each status (a chase may be repeated); anything else is an impossible move (409). */
export const nextStatuses: Record<CheckStatus, readonly CheckStatus[]> = {
  not_requested: ['requested', 'received'],
  requested: ['chased', 'received'],
  chased: ['chased', 'received'],
  received: [],
};

export const statusLabels: Record<CheckStatus, string> = {
  not_requested: 'Not requested',
  requested: 'Requested',
  chased: 'Chased',
  received: 'Received',
};

export const outcomeLabels: Record<CheckOutcome, string> = {
  clear: 'Clear',
  concern: 'Concern',
  not_needed: 'Not needed',
};

/** When an item asked for on `requestedOn` is expected back: its type's turnaround in calendar days. */
export const expectedBy = (requestedOn: IsoDate, turnaroundDays: number): IsoDate =>
  addDays(requestedOn, turnaroundDays);

/**
 * Whether an outstanding item is overdue on `today`: past the date it was expected back, or past
 * its stage's due date.
 */
export function isOverdue(
  item: { status: CheckStatus; outcome: CheckOutcome | null; requestedOn: IsoDate | null },
  turnaroundDays: number,
  stageDueOn: IsoDate | null,
  today: IsoDate,
): boolean {
  if (!isOutstanding(item)) return false;
  if (stageDueOn && today > stageDueOn) return true;
  return item.requestedOn !== null && today > expectedBy(item.requestedOn, turnaroundDays);
}

/** One stage of a household's checklist, for its deadline (src/deadlines/deadlines.ts). */
export interface StageChecks {
  stage: 1 | 2;
  total: number;
  /** Items not received and not marked not needed. */
  outstanding: number;
  /** The latest day an item was received or marked not needed. */
  lastDoneOn: IsoDate | null;
}
