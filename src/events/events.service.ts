import { getAgency } from '../agencies/agencies.repo.ts';
import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { dispatchMessages, queueMessage } from '../messages/outbox.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { activeUsers } from '../users/users.service.ts';
import { bookingMessage } from './booking-messages.ts';
import { can } from '../shared/access.ts';
import { promoteFromWaitingList } from './bookings.service.ts';
import { bookingContact } from '../households/households.repo.ts';
import {
  bookingsOfEvent,
  findEvent,
  insertEvent,
  lockEvent,
  replaceEventStaff,
  staffOfEvents,
  updateEvent,
  type EventRow,
} from './events.repo.ts';
import type { EventInput } from './events.schema.ts';

/** Read by other features through this service: sessions open for booking, recent community events. */
export { bookableSessions, recentCommunityEvents } from './events.repo.ts';

type Deps = Pick<AppDeps, 'db' | 'queues'>;

/** Staff named on an event must be active colleagues in the same service. */
async function checkStaff(db: Db, actor: Actor, staffIds: string[]) {
  if (staffIds.length === 0) return;
  const colleagues = new Set((await activeUsers(db, actor.agencyId)).map((u) => u.id));
  if (staffIds.some((id) => !colleagues.has(id))) throw fieldError('staffIds', 'Select staff from the list');
}

const eventValues = (input: EventInput) => ({
  kind: input.kind,
  title: input.title,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  candidateDates: input.candidateDates,
  online: input.online,
  venue: input.venue,
  joiningLink: input.joiningLink,
  capacity: input.capacity,
  campaignCode: input.campaignCode,
  description: input.description,
});

const auditable = (e: EventRow) => ({
  ...eventValues({ ...e, staffIds: [] }),
  startsAt: e.startsAt?.toISOString() ?? null,
  endsAt: e.endsAt?.toISOString() ?? null,
});

export async function createEvent(db: Db, actor: Actor, input: EventInput) {
  return db.transaction(async (tx) => {
    await checkStaff(tx, actor, input.staffIds);
    const event = await insertEvent(tx, { agencyId: actor.agencyId, ...eventValues(input) });
    await replaceEventStaff(tx, event.id, input.staffIds);
    await recordAudit(tx, actor, {
      action: 'event.created',
      entityType: 'event',
      entityId: event.id,
      changes: changesBetween(null, { ...auditable(event), staffIds: input.staffIds }),
    });
    return event;
  });
}

/**
 * Changes an event. More places promote people from the waiting list; fewer never takes a place
 * away from someone already booked.
 */
export async function editEvent(deps: Deps, actor: Actor, id: string, input: EventInput) {
  const messageIds = await deps.db.transaction(async (tx) => {
    const before = await lockEvent(tx, actor.agencyId, id);
    if (!before) throw notFound('Event');
    if (before.cancelledAt)
      throw new AppError('conflict', 'This event has been cancelled and cannot be changed.');
    if (before.kind !== input.kind && (await bookingsOfEvent(tx, actor.agencyId, id)).length > 0)
      throw fieldError('kind', 'An event with bookings cannot change kind');
    await checkStaff(tx, actor, input.staffIds);
    const after = (await updateEvent(tx, actor.agencyId, id, eventValues(input)))!;
    await replaceEventStaff(tx, id, input.staffIds);
    await recordAudit(tx, actor, {
      action: 'event.updated',
      entityType: 'event',
      entityId: id,
      changes: changesBetween(auditable(before), auditable(after)),
    });
    return promoteFromWaitingList(tx, actor, after);
  });
  await dispatchMessages(deps.queues, messageIds);
}

/**
 * Cancels an event and writes to everyone booked or waiting who gave an email address. Attendance
 * already recorded is kept. Returns how many emails were written to the outbox.
 */
export async function cancelEvent(deps: Deps, actor: Actor, id: string) {
  const messageIds = await deps.db.transaction(async (tx) => {
    const event = await lockEvent(tx, actor.agencyId, id);
    if (!event) throw notFound('Event');
    if (event.cancelledAt) return [];
    if (event.startsAt && event.startsAt <= new Date())
      throw new AppError('conflict', 'This event has already started, so it cannot be cancelled.');
    const cancelled = (await updateEvent(tx, actor.agencyId, id, { cancelledAt: new Date() }))!;
    await recordAudit(tx, actor, { action: 'event.cancelled', entityType: 'event', entityId: id });
    const agency = (await getAgency(tx, actor.agencyId))!;
    const ids: (string | undefined)[] = [];
    for (const booking of await bookingsOfEvent(tx, actor.agencyId, id)) {
      if (booking.status === 'cancelled') continue;
      const contact = await bookingContact(tx, actor.agencyId, booking.enquiryId);
      if (!contact?.email) continue;
      ids.push(
        await queueMessage(tx, {
          agencyId: actor.agencyId,
          enquiryId: booking.enquiryId,
          personId: contact.personId,
          to: contact.email,
          trigger: 'event_cancelled',
          purpose: 'service',
          idempotencyKey: `event:${id}:cancelled:${booking.id}`,
          ...(await bookingMessage(
            tx,
            'event_cancelled',
            cancelled,
            contact.firstName,
            agency.name,
            booking.enquiryId,
          )),
        }),
      );
    }
    return ids;
  });
  await dispatchMessages(deps.queues, messageIds);
  return messageIds.filter(Boolean).length;
}

/**
 * One event with its staff, counts of places, and (for caseworkers) everyone booked, waiting or
 * cancelled.
 */
export async function eventDetail(db: Db, actor: Actor, id: string) {
  const event = await findEvent(db, actor.agencyId, id);
  if (!event) throw notFound('Event');
  const [staff, bookings] = await Promise.all([
    staffOfEvents(db, [id]),
    bookingsOfEvent(db, actor.agencyId, id),
  ]);
  const counts = {
    booked: bookings.filter((b) => b.status === 'booked').length,
    waitlisted: bookings.filter((b) => b.status === 'waitlisted').length,
    attended: bookings.filter((b) => b.attended).length,
  };
  return {
    ...event,
    staff: staff.map(({ userId, name }) => ({ id: userId, name })),
    counts,
    // Who is booked is household data: caseworkers only (src/shared/access.ts); comms see the counts.
    bookings: can(actor.role, 'households') ? bookings : [],
  };
}
