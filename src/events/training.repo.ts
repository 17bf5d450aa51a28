import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { eventBookings, events } from './events.table.ts';

/** A household's places on preparation training (issue 18 §3), latest course first. */
export async function trainingBookingsOf(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({
      eventId: events.id,
      title: events.title,
      startsAt: events.startsAt,
      cancelledAt: events.cancelledAt,
      status: eventBookings.status,
      attended: eventBookings.attended,
    })
    .from(eventBookings)
    .innerJoin(events, eq(events.id, eventBookings.eventId))
    .where(
      and(
        eq(eventBookings.agencyId, agencyId),
        eq(eventBookings.enquiryId, enquiryId),
        eq(events.kind, 'preparation_training'),
      ),
    )
    .orderBy(sql`${events.startsAt} desc nulls first`);
}

/** Preparation training courses still to come, dated and not cancelled: what a household can be booked onto. */
export async function upcomingTraining(db: Db, agencyId: string, now: Date, limit = 20) {
  return db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, capacity: events.capacity })
    .from(events)
    .where(
      and(
        eq(events.agencyId, agencyId),
        eq(events.kind, 'preparation_training'),
        gte(events.startsAt, now),
        isNull(events.cancelledAt),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(limit);
}
