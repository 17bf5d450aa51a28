import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { households, people } from '../households/households.table.ts';
import { users } from '../users/users.table.ts';
import { eventBookings, events, eventStaff, type BookingStatus, type EventKind } from './events.table.ts';

export type EventRow = typeof events.$inferSelect;
export type BookingRow = typeof eventBookings.$inferSelect;

export async function insertEvent(db: Db, values: typeof events.$inferInsert) {
  const [row] = await db.insert(events).values(values).returning();
  return row!;
}

export async function updateEvent(
  db: Db,
  agencyId: string,
  id: string,
  values: Partial<typeof events.$inferInsert>,
) {
  const [row] = await db
    .update(events)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(events.agencyId, agencyId), eq(events.id, id)))
    .returning();
  return row;
}

export async function findEvent(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.agencyId, agencyId), eq(events.id, id)));
  return row;
}

/** Locks the event row so that concurrent bookings count places one at a time. */
export async function lockEvent(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.agencyId, agencyId), eq(events.id, id)))
    .for('update');
  return row;
}

export async function replaceEventStaff(db: Db, eventId: string, userIds: string[]) {
  await db.delete(eventStaff).where(eq(eventStaff.eventId, eventId));
  if (userIds.length) await db.insert(eventStaff).values(userIds.map((userId) => ({ eventId, userId })));
}

export async function staffOfEvents(db: Db, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return db
    .select({ eventId: eventStaff.eventId, userId: users.id, name: users.name })
    .from(eventStaff)
    .innerJoin(users, eq(users.id, eventStaff.userId))
    .where(inArray(eventStaff.eventId, eventIds))
    .orderBy(asc(users.name));
}

const countOf = (status: BookingStatus) =>
  sql<number>`(select count(*)::int from ${eventBookings} b where b.event_id = ${events}.id and b.status = ${status})`;

const listColumns = {
  id: events.id,
  kind: events.kind,
  title: events.title,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  candidateDates: events.candidateDates,
  online: events.online,
  venue: events.venue,
  capacity: events.capacity,
  campaignCode: events.campaignCode,
  cancelledAt: events.cancelledAt,
  booked: countOf('booked'),
  waitlisted: countOf('waitlisted'),
  attended: sql<number>`(select count(*)::int from ${eventBookings} b where b.event_id = ${events}.id and b.attended)`,
};
export type EventSummary = Awaited<ReturnType<typeof listEvents>>[number];

/**
 * Upcoming (from `since`, soonest first, with "to be confirmed" events last) or past (most recent
 * first), optionally of one kind.
 */
export async function listEvents(
  db: Db,
  agencyId: string,
  filter: { when: 'upcoming' | 'past'; since: Date; kind?: EventKind; limit?: number },
) {
  const timing =
    filter.when === 'upcoming'
      ? or(gte(events.startsAt, filter.since), isNull(events.startsAt))
      : lt(events.startsAt, filter.since);
  return db
    .select(listColumns)
    .from(events)
    .where(and(eq(events.agencyId, agencyId), timing, filter.kind ? eq(events.kind, filter.kind) : undefined))
    .orderBy(
      filter.when === 'upcoming' ? sql`${events.startsAt} asc nulls last` : desc(events.startsAt),
      asc(events.title),
    )
    .limit(filter.limit ?? 200);
}

/** Events starting in [from, to), for the calendar. */
export async function eventsBetween(db: Db, agencyId: string, from: Date, to: Date) {
  return db
    .select(listColumns)
    .from(events)
    .where(and(eq(events.agencyId, agencyId), gte(events.startsAt, from), lt(events.startsAt, to)))
    .orderBy(asc(events.startsAt));
}

/** Information sessions still to come with a date and not cancelled: what a household can be booked onto. */
export async function bookableSessions(db: Db, agencyId: string, now: Date, limit = 20) {
  return db
    .select(listColumns)
    .from(events)
    .where(
      and(
        eq(events.agencyId, agencyId),
        eq(events.kind, 'information_session'),
        gte(events.startsAt, now),
        isNull(events.cancelledAt),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(limit);
}

/** Community events in the last year, for "which event did this enquiry come from?". */
export async function recentCommunityEvents(db: Db, agencyId: string, since: Date, until: Date) {
  return db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt })
    .from(events)
    .where(
      and(
        eq(events.agencyId, agencyId),
        eq(events.kind, 'community_event'),
        gte(events.startsAt, since),
        lt(events.startsAt, until),
      ),
    )
    .orderBy(desc(events.startsAt));
}

// ---- Bookings ----

export async function findBooking(db: Db, eventId: string, enquiryId: string) {
  const [row] = await db
    .select()
    .from(eventBookings)
    .where(and(eq(eventBookings.eventId, eventId), eq(eventBookings.enquiryId, enquiryId)));
  return row;
}

export async function findBookingById(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(eventBookings)
    .where(and(eq(eventBookings.agencyId, agencyId), eq(eventBookings.id, id)));
  return row;
}

export async function insertBooking(db: Db, values: typeof eventBookings.$inferInsert) {
  const [row] = await db.insert(eventBookings).values(values).returning();
  return row!;
}

export async function updateBooking(db: Db, id: string, values: Partial<typeof eventBookings.$inferInsert>) {
  const [row] = await db.update(eventBookings).set(values).where(eq(eventBookings.id, id)).returning();
  return row!;
}

export async function countBooked(db: Db, eventId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventBookings)
    .where(and(eq(eventBookings.eventId, eventId), eq(eventBookings.status, 'booked')));
  return row!.n;
}

/** The first `n` on the waiting list, in the order they joined it. */
export async function firstWaitlisted(db: Db, eventId: string, n: number) {
  if (n <= 0) return [];
  return db
    .select()
    .from(eventBookings)
    .where(and(eq(eventBookings.eventId, eventId), eq(eventBookings.status, 'waitlisted')))
    .orderBy(asc(eventBookings.bookedAt), asc(eventBookings.id))
    .limit(n);
}

const applicantNames = sql<string>`(
  select string_agg(p.first_name || ' ' || p.last_name, ' and ' order by p.position)
  from ${people} p where p.household_id = ${enquiries.householdId} and p.kind = 'applicant'
)`;

/** Everyone booked, waiting or cancelled for an event, with who they are. */
export async function bookingsOfEvent(db: Db, agencyId: string, eventId: string) {
  return db
    .select({
      id: eventBookings.id,
      enquiryId: eventBookings.enquiryId,
      status: eventBookings.status,
      attended: eventBookings.attended,
      bookedAt: eventBookings.bookedAt,
      source: eventBookings.source,
      stage: enquiries.stage,
      postcode: households.postcode,
      names: applicantNames,
    })
    .from(eventBookings)
    .innerJoin(enquiries, eq(enquiries.id, eventBookings.enquiryId))
    .innerJoin(households, eq(households.id, enquiries.householdId))
    .where(and(eq(eventBookings.agencyId, agencyId), eq(eventBookings.eventId, eventId)))
    .orderBy(asc(eventBookings.bookedAt), asc(eventBookings.id));
}

/** A household's bookings, newest event first. */
export async function bookingsOfEnquiry(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({
      id: eventBookings.id,
      eventId: events.id,
      title: events.title,
      kind: events.kind,
      startsAt: events.startsAt,
      cancelledAt: events.cancelledAt,
      status: eventBookings.status,
      attended: eventBookings.attended,
    })
    .from(eventBookings)
    .innerJoin(events, eq(events.id, eventBookings.eventId))
    .where(and(eq(eventBookings.agencyId, agencyId), eq(eventBookings.enquiryId, enquiryId)))
    .orderBy(sql`${events.startsAt} desc nulls first`);
}

/**
 * Booked places at sessions starting in (now, now + `within`] that were booked before the reminder
 * was due: the candidates for a reminder. Ids only.
 */
export async function bookingsDueReminder(db: Db, now: Date, withinMs: number) {
  const until = new Date(now.getTime() + withinMs);
  return db
    .select({ bookingId: eventBookings.id, agencyId: eventBookings.agencyId, startsAt: events.startsAt })
    .from(eventBookings)
    .innerJoin(events, eq(events.id, eventBookings.eventId))
    .where(
      and(
        eq(eventBookings.status, 'booked'),
        isNull(events.cancelledAt),
        sql`${events.startsAt} > ${now.toISOString()}::timestamptz`,
        sql`${events.startsAt} <= ${until.toISOString()}::timestamptz`,
        sql`${eventBookings.bookedAt} < ${events.startsAt} - ${`${withinMs} milliseconds`}::interval`,
      ),
    );
}

/** Events run as part of the campaign: those carrying its code. */
export async function eventsWithCode(db: Db, agencyId: string, code: string) {
  return db
    .select({
      id: events.id,
      kind: events.kind,
      title: events.title,
      startsAt: events.startsAt,
      cancelledAt: events.cancelledAt,
    })
    .from(events)
    .where(and(eq(events.agencyId, agencyId), sql`upper(${events.campaignCode}) = upper(${code})`))
    .orderBy(sql`${events.startsAt} desc nulls first`);
}
