/**
 * Assembles a subject access pack from the rows the repository read: one section per household the
 * person belongs to, everything about it, and the items a manager must review before sending.
 */
import type { IsoDate } from '../calendar/dates.ts';
import { restrictedReasons } from '../pipeline/stages.ts';
import type {
  householdCore,
  enquiryRecords,
  personRecords,
  auditAbout,
  requestsAbout,
} from './subject-access.repo.ts';

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
type Core = Rows<typeof householdCore>;
type EnquiryRows = Rows<typeof enquiryRecords>;
type PersonRows = Rows<typeof personRecords>;
type AuditRows = Rows<typeof auditAbout>;
type RequestRows = Rows<typeof requestsAbout>;

export interface Retention {
  rule: string;
  keepUntil: IsoDate | null;
  basis: string;
}

/** Something a manager reviews before the pack goes to the person, and why. */
export interface ReviewItem {
  householdId: string;
  what: string;
  why: string;
}

export const REVIEW_RESTRICTED =
  'Safeguarding information (standards of care). The person has a right to it, but it may name others or fall under an exemption (Data Protection Act 2018, Schedule 3 Part 3: social work, where disclosure would be likely to cause serious harm). A manager reviews it before the pack is sent.';
export const REVIEW_THIRD_PARTY =
  'Information about another person in the household. Disclose it only if they agree or it is reasonable without their consent (Data Protection Act 2018, Schedule 2 paragraph 16); otherwise remove it before sending.';

export interface PackInput {
  subjectPersonIds: Set<string>;
  core: Core;
  enquiryRows: EnquiryRows;
  personRows: PersonRows;
  audit: AuditRows;
  requests: RequestRows;
  retention: Map<string, Retention>;
}

/** Drops values that are secrets or machine plumbing rather than information about the person. */
function withoutInternals<T extends Record<string, unknown>>(row: T, keys: string[]) {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
}

/** One enquiry's records; restricted history goes on the review list. */
function enquirySection(id: string, rows: EnquiryRows, review: ReviewItem[], householdId: string) {
  const history = rows.history
    .filter((e) => e.enquiryId === id)
    .map((e) => {
      const restricted = !!e.reason && restrictedReasons.includes(e.reason);
      if (restricted)
        review.push({
          householdId,
          what: `Stage history: ${e.stage} on ${e.at.toISOString().slice(0, 10)}`,
          why: REVIEW_RESTRICTED,
        });
      return { ...e, restricted };
    });
  return {
    enquiryId: id,
    history,
    notes: rows.notes.filter((n) => n.enquiryId === id),
    contactAttempts: rows.attempts.filter((a) => a.enquiryId === id),
    visits: rows.visits.filter((v) => v.enquiryId === id),
    panels: rows.panels
      .filter((p) => p.case.enquiryId === id)
      .map((p) => ({ ...p.case, meetsOn: p.meetsOn })),
    bookings: rows.bookings
      .filter((b) => b.booking.enquiryId === id)
      .map((b) => ({ ...b.booking, eventTitle: b.title, eventStartsAt: b.startsAt })),
    tasks: rows.tasks.filter((t) => t.enquiryId === id),
    assessmentChecks: rows.checks
      .filter((c) => c.enquiryId === id)
      .map((c) => {
        // A reference is about the household but by someone else; a concern is restricted.
        if (c.refereeKind)
          review.push({
            householdId,
            what: `Assessment check: ${c.label} (referee)`,
            why: REVIEW_THIRD_PARTY,
          });
        if (c.outcome === 'concern')
          review.push({
            householdId,
            what: `Assessment check: ${c.label} (concern)`,
            why: REVIEW_RESTRICTED,
          });
        return c;
      }),
  };
}

/** The pack's household sections and the review list. */
export function assemblePack(input: PackInput) {
  const review: ReviewItem[] = [];
  const households = input.core.households.map((household) => {
    const members = input.core.people.filter((p) => p.householdId === household.id);
    const memberIds = new Set(members.map((p) => p.id));
    const people = members.map((p) => {
      const isSubject = input.subjectPersonIds.has(p.id);
      if (!isSubject)
        review.push({
          householdId: household.id,
          what: `${p.firstName} ${p.lastName} (${p.kind})`,
          why: REVIEW_THIRD_PARTY,
        });
      return { ...p, isSubject };
    });
    const enquiries = input.core.enquiries
      .filter((e) => e.householdId === household.id)
      .map((e) => withoutInternals(e, ['equalityTokenHash', 'version']));
    const enquiryIds = enquiries.map((e) => e.id as string);
    const inHousehold = (m: { enquiryId: string | null; personId: string | null }) =>
      (m.enquiryId !== null && enquiryIds.includes(m.enquiryId)) ||
      (m.personId !== null && memberIds.has(m.personId));
    return {
      household,
      people,
      enquiries: enquiries.map((enquiry, i) => ({
        enquiry,
        ...enquirySection(enquiryIds[i]!, input.enquiryRows, review, household.id),
      })),
      messages: input.personRows.messages
        .filter(inHousehold)
        .map((m) => withoutInternals(m, ['idempotencyKey', 'providerMessageId', 'claimedAt'])),
      consents: input.personRows.consents.filter((c) => memberIds.has(c.personId)),
      equality: input.personRows.equality.filter((q) => memberIds.has(q.personId)),
      audit: input.audit.filter((a) =>
        isAboutHousehold(a, household.id, enquiryIds, memberIds, input.enquiryRows),
      ),
      requests: input.requests.filter((r) => r.householdId === household.id),
      retention: input.retention.get(household.id) ?? null,
    };
  });
  return { households, reviewBeforeSending: review };
}

function isAboutHousehold(
  a: AuditRows[number],
  householdId: string,
  enquiryIds: string[],
  memberIds: Set<string>,
  rows: EnquiryRows,
) {
  const id = a.entityId;
  switch (a.entityType) {
    case 'household':
      return id === householdId;
    case 'enquiry':
      return enquiryIds.includes(id);
    case 'person':
      return memberIds.has(id);
    case 'booking':
      return rows.bookings.some((b) => b.booking.id === id && enquiryIds.includes(b.booking.enquiryId));
    case 'visit':
      return rows.visits.some((v) => v.id === id && enquiryIds.includes(v.enquiryId));
    case 'panel_case':
      return rows.panels.some((p) => p.case.id === id && enquiryIds.includes(p.case.enquiryId));
    default:
      return false;
  }
}

export type AssembledPack = ReturnType<typeof assemblePack>;

/** How many records the pack holds (rows of every kind), for the audit entry and the page. */
export function countRecords(pack: AssembledPack, extra: number) {
  let n = extra;
  for (const h of pack.households) {
    n +=
      1 +
      h.people.length +
      h.messages.length +
      h.consents.length +
      h.equality.length +
      h.audit.length +
      h.requests.length;
    for (const e of h.enquiries) {
      n += 1 + e.history.length + e.notes.length + e.contactAttempts.length + e.visits.length;
      n += e.panels.length + e.bookings.length + e.tasks.length;
    }
  }
  return n;
}
