import { and, asc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { auditEvents } from '../audit/audit.table.ts';
import type { Db } from '../db/client.ts';
import { contactAttempts, notes } from '../enquiries/activity.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { eventBookings, events } from '../events/events.table.ts';
import { households, people } from '../households/households.table.ts';
import { tasks } from '../deadlines/tasks.table.ts';
import { messages } from '../messages/messages.table.ts';
import { panelCases, panels } from '../panels/panels.table.ts';
import { assessmentChecks, checkTypes } from '../assessment-checks/assessment-checks.table.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import { consents } from '../privacy/consents.table.ts';
import { equalityMonitoring } from '../privacy/equality.table.ts';
import { heldSubmissions } from '../public/held-submissions.table.ts';
import { users } from '../users/users.table.ts';
import { visits } from '../visits/visits.table.ts';
import { dataRequests } from './data-requests.table.ts';

/** What identifies the person, as identity keys (shared/identity.ts): one of the three. */
export type PersonKey =
  | { by: 'email'; emailKey: string }
  | { by: 'phone'; phoneE164: string }
  | { by: 'name'; nameKey: string; postcode: string };

/** People rows matching the key, with their household; agency-scoped. */
export function findMatchingPeople(db: Db, agencyId: string, key: PersonKey) {
  const match: SQL =
    key.by === 'email'
      ? eq(people.emailKey, key.emailKey)
      : key.by === 'phone'
        ? eq(people.phoneE164, key.phoneE164)
        : and(eq(people.nameKey, key.nameKey), eq(households.postcode, key.postcode))!;
  return db
    .select({ id: people.id, householdId: people.householdId })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(and(eq(people.agencyId, agencyId), match));
}

/** Messages sent to this address that are not tied to a matching household (e.g. a mailing). */
export function messagesToAddress(db: Db, agencyId: string, emailKey: string) {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.agencyId, agencyId), sql`lower(trim(${messages.toAddress})) = ${emailKey}`));
}

/** Every held public submission of the agency: a short review queue, matched on identity keys in the service. */
export function allHeldSubmissions(db: Db, agencyId: string) {
  return db.select().from(heldSubmissions).where(eq(heldSubmissions.agencyId, agencyId));
}

/** The households' own rows, people and enquiries. */
export async function householdCore(db: Db, agencyId: string, householdIds: string[]) {
  const inAgency = <T extends { agencyId: typeof households.agencyId }>(t: T) => eq(t.agencyId, agencyId);
  const [homes, members, journeys] = await Promise.all([
    db
      .select()
      .from(households)
      .where(and(inAgency(households), inArray(households.id, householdIds))),
    db
      .select()
      .from(people)
      .where(and(eq(people.agencyId, agencyId), inArray(people.householdId, householdIds)))
      .orderBy(asc(people.householdId), asc(people.position)),
    db
      .select()
      .from(enquiries)
      .where(and(eq(enquiries.agencyId, agencyId), inArray(enquiries.householdId, householdIds)))
      .orderBy(asc(enquiries.receivedAt)),
  ]);
  return { households: homes, people: members, enquiries: journeys };
}

/** Records hanging off the enquiries: history, notes, contact attempts, visits, panels, bookings, tasks. */
export async function enquiryRecords(db: Db, agencyId: string, enquiryIds: string[]) {
  const ids = enquiryIds; // drizzle makes `in ()` of an empty list false
  const [history, noteRows, attempts, visitRows, panelRows, bookings, taskRows, checkRows] =
    await Promise.all([
      db
        .select()
        .from(stageEvents)
        .where(and(eq(stageEvents.agencyId, agencyId), inArray(stageEvents.enquiryId, ids)))
        .orderBy(asc(stageEvents.at), asc(stageEvents.id)),
      db
        .select()
        .from(notes)
        .where(and(eq(notes.agencyId, agencyId), inArray(notes.enquiryId, ids)))
        .orderBy(asc(notes.createdAt)),
      db
        .select()
        .from(contactAttempts)
        .where(and(eq(contactAttempts.agencyId, agencyId), inArray(contactAttempts.enquiryId, ids)))
        .orderBy(asc(contactAttempts.at)),
      db
        .select()
        .from(visits)
        .where(and(eq(visits.agencyId, agencyId), inArray(visits.enquiryId, ids)))
        .orderBy(asc(visits.scheduledFor)),
      db
        .select({ case: panelCases, meetsOn: panels.meetsOn })
        .from(panelCases)
        .innerJoin(panels, eq(panels.id, panelCases.panelId))
        .where(and(eq(panelCases.agencyId, agencyId), inArray(panelCases.enquiryId, ids)))
        .orderBy(asc(panels.meetsOn)),
      db
        .select({ booking: eventBookings, title: events.title, startsAt: events.startsAt })
        .from(eventBookings)
        .innerJoin(events, eq(events.id, eventBookings.eventId))
        .where(and(eq(eventBookings.agencyId, agencyId), inArray(eventBookings.enquiryId, ids)))
        .orderBy(asc(eventBookings.bookedAt)),
      db
        .select()
        .from(tasks)
        .where(and(eq(tasks.agencyId, agencyId), inArray(tasks.enquiryId, ids)))
        .orderBy(asc(tasks.dueAt)),
      // The assessment checklist, with what each item checks; the link's secret stays out.
      db
        .select({
          check: getTableColumns(assessmentChecks),
          label: checkTypes.label,
          stage: checkTypes.stage,
        })
        .from(assessmentChecks)
        .innerJoin(checkTypes, eq(checkTypes.id, assessmentChecks.checkTypeId))
        .where(and(eq(assessmentChecks.agencyId, agencyId), inArray(assessmentChecks.enquiryId, ids)))
        .orderBy(asc(checkTypes.stage), asc(assessmentChecks.createdAt)),
    ]);
  return {
    history,
    notes: noteRows,
    attempts,
    visits: visitRows,
    panels: panelRows,
    bookings,
    tasks: taskRows,
    checks: checkRows.map(({ check: { tokenHash: _secret, ...check }, label, stage }) => ({
      ...check,
      label,
      stage,
    })),
  };
}

/** Consents, equality answers and emails of these people and enquiries. */
export async function personRecords(db: Db, agencyId: string, personIds: string[], enquiryIds: string[]) {
  const [pIds, eIds] = [personIds, enquiryIds]; // drizzle makes `in ()` of an empty list false
  const [consentRows, equality, outbox] = await Promise.all([
    db
      .select()
      .from(consents)
      .where(and(eq(consents.agencyId, agencyId), inArray(consents.personId, pIds)))
      .orderBy(asc(consents.recordedAt), asc(consents.id)),
    db
      .select()
      .from(equalityMonitoring)
      .where(and(eq(equalityMonitoring.agencyId, agencyId), inArray(equalityMonitoring.personId, pIds))),
    db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.agencyId, agencyId),
          or(inArray(messages.personId, pIds), inArray(messages.enquiryId, eIds)),
        ),
      )
      .orderBy(asc(messages.createdAt)),
  ]);
  return { consents: consentRows, equality, messages: outbox };
}

/** Audit entries about these records (who viewed or changed them), with the staff member's name. */
export function auditAbout(db: Db, agencyId: string, entities: { type: string; ids: string[] }[]) {
  const matches = entities
    .filter((e) => e.ids.length > 0)
    .map((e) => and(eq(auditEvents.entityType, e.type), inArray(auditEvents.entityId, e.ids)));
  if (matches.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      changes: auditEvents.changes,
      by: sql<string>`coalesce(${users.name}, ${auditEvents.actorLabel}, 'system')`,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.agencyId, agencyId), or(...matches)))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
}

/** Data requests already logged about these households. */
export function requestsAbout(db: Db, agencyId: string, householdIds: string[]) {
  if (householdIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(dataRequests)
    .where(and(eq(dataRequests.agencyId, agencyId), inArray(dataRequests.householdId, householdIds)))
    .orderBy(asc(dataRequests.receivedOn));
}
