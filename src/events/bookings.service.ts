import { getAgency } from '../agencies/agencies.repo.ts';
import { leaveNurturePool } from '../nurture/nurture-membership.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { AppDeps } from '../deps.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import { suppressQueued } from '../messages/messages.repo.ts';
import { dispatchMessages, queueMessage } from '../messages/outbox.service.ts';
import { systemActor, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { bookingMessage, type BookingMessageKind } from './booking-messages.ts';
import { bookingContact } from '../households/households.repo.ts';
import {
  countBooked,
  findBooking,
  findBookingById,
  findEvent,
  firstWaitlisted,
  insertBooking,
  lockEvent,
  updateBooking,
  type BookingRow,
  type EventRow,
} from './events.repo.ts';

type Deps = Pick<AppDeps, 'db' | 'queues'>;
type Source = BookingRow['source'];

/** Writes one email about a booking to the outbox, if the household gave an email address. */
async function queueBookingMessage(
  db: Db,
  event: EventRow,
  booking: BookingRow,
  kind: BookingMessageKind,
  occasion: string,
) {
  const contact = await bookingContact(db, booking.agencyId, booking.enquiryId);
  if (!contact?.email) return undefined;
  const agency = (await getAgency(db, booking.agencyId))!;
  return queueMessage(db, {
    agencyId: booking.agencyId,
    enquiryId: booking.enquiryId,
    personId: contact.personId,
    to: contact.email,
    trigger: `booking_${kind}`,
    purpose: 'service',
    idempotencyKey: `booking:${booking.id}:${kind}:${occasion}`,
    ...(await bookingMessage(db, kind, event, contact.firstName, agency.name, booking.enquiryId)),
  });
}

/**
 * Gives free places to the waiting list, first come first served. Call with the event row locked
 * (lockEvent) so that two changes cannot hand out the same place. Returns message ids to dispatch.
 */
export async function promoteFromWaitingList(db: Db, actor: Actor, event: EventRow) {
  if (event.cancelledAt || (event.startsAt && event.startsAt <= new Date())) return [];
  const free =
    event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - (await countBooked(db, event.id));
  const promoted = await firstWaitlisted(db, event.id, Math.min(free, 1000));
  const ids: (string | undefined)[] = [];
  for (const waiting of promoted) {
    const booking = await updateBooking(db, waiting.id, { status: 'booked' });
    await recordAudit(db, actor, {
      action: 'booking.promoted',
      entityType: 'booking',
      entityId: booking.id,
      changes: { status: { from: 'waitlisted', to: 'booked' } },
    });
    ids.push(await queueBookingMessage(db, event, booking, 'promoted', String(Date.now())));
  }
  return ids;
}

/**
 * Books a household onto an event: a place if there is one, otherwise the waiting list. The
 * event row is locked for the count, so two officers booking the last place at once cannot both get it.
 */
export async function bookHousehold(
  deps: Deps,
  actor: Actor,
  eventId: string,
  enquiryId: string,
  source: Source,
) {
  const { booking, messageIds } = await deps.db.transaction(async (tx) => {
    const event = await lockEvent(tx, actor.agencyId, eventId);
    if (!event) throw notFound('Event');
    if (!(await findEnquiry(tx, actor.agencyId, enquiryId))) throw notFound('Enquiry');
    if (event.cancelledAt) throw new AppError('conflict', 'This event has been cancelled.');
    if (event.startsAt && event.startsAt <= new Date())
      throw new AppError('conflict', 'This event has already started, so it can no longer be booked.');
    const existing = await findBooking(tx, eventId, enquiryId);
    if (existing && existing.status !== 'cancelled')
      throw new AppError(
        'conflict',
        existing.status === 'booked'
          ? 'This household already has a place at this event.'
          : 'This household is already on the waiting list for this event.',
      );
    const full = event.capacity !== null && (await countBooked(tx, eventId)) >= event.capacity;
    const values = {
      status: full ? ('waitlisted' as const) : ('booked' as const),
      bookedAt: new Date(),
      source,
    };
    const saved = existing
      ? await updateBooking(tx, existing.id, { ...values, attended: null, attendanceRecordedAt: null })
      : await insertBooking(tx, { agencyId: actor.agencyId, eventId, enquiryId, ...values });
    await recordAudit(tx, actor, {
      action: 'booking.created',
      entityType: 'booking',
      entityId: saved.id,
      changes: { eventId: { to: eventId }, enquiryId: { to: enquiryId }, status: { to: saved.status } },
    });
    if (event.kind === 'information_session') await leaveNurturePool(tx, actor, enquiryId, 'booking');
    const kind = saved.status === 'booked' ? 'booked' : 'waitlisted';
    const messageId = await queueBookingMessage(tx, event, saved, kind, String(saved.bookedAt.getTime()));
    return { booking: saved, messageIds: [messageId] };
  });
  await dispatchMessages(deps.queues, messageIds);
  return booking;
}

/** Cancels a place (or a waiting-list entry); a freed place goes to the first person waiting. */
export async function cancelBooking(deps: Deps, actor: Actor, bookingId: string) {
  const messageIds = await deps.db.transaction(async (tx) => {
    const found = await findBookingById(tx, actor.agencyId, bookingId);
    if (!found) throw notFound('Booking');
    const event = (await lockEvent(tx, actor.agencyId, found.eventId))!;
    const booking = (await findBookingById(tx, actor.agencyId, bookingId))!; // re-read under the lock
    if (booking.status === 'cancelled') return [];
    if (booking.attended !== null)
      throw new AppError(
        'conflict',
        'Attendance has been recorded for this place, so it cannot be cancelled.',
      );
    await updateBooking(tx, booking.id, { status: 'cancelled' });
    await suppressQueued(tx, actor.agencyId, `booking:${booking.id}:`);
    await recordAudit(tx, actor, {
      action: 'booking.cancelled',
      entityType: 'booking',
      entityId: booking.id,
      changes: { status: { from: booking.status, to: 'cancelled' } },
    });
    return promoteFromWaitingList(tx, actor, event);
  });
  await dispatchMessages(deps.queues, messageIds);
}

/**
 * Records whether a household came. Only once the event has started. Someone who came without a
 * booking (or off the waiting list) is recorded as having had a place: they were there.
 */
export async function recordAttendance(
  db: Db,
  actor: Actor,
  eventId: string,
  enquiryId: string,
  attended: boolean,
) {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, actor.agencyId, eventId);
    if (!event) throw notFound('Event');
    if (!(await findEnquiry(tx, actor.agencyId, enquiryId))) throw notFound('Enquiry');
    if (event.cancelledAt) throw new AppError('conflict', 'This event was cancelled.');
    if (!event.startsAt || event.startsAt > new Date())
      throw new AppError('conflict', 'Attendance can be recorded once the event has started.');
    const existing = await findBooking(tx, eventId, enquiryId);
    if (!existing && !attended) throw notFound('Booking');
    const values = {
      attended,
      attendanceRecordedAt: new Date(),
      ...(attended ? { status: 'booked' as const } : {}),
    };
    const saved = existing
      ? await updateBooking(tx, existing.id, values)
      : await insertBooking(tx, {
          agencyId: actor.agencyId,
          eventId,
          enquiryId,
          status: 'booked',
          source: 'staff',
          ...values,
        });
    await recordAudit(tx, actor, {
      action: 'booking.attendance',
      entityType: 'booking',
      entityId: saved.id,
      changes: { attended: { from: existing?.attended ?? null, to: attended } },
    });
    return saved;
  });
}

/**
 * Staff adding a household to an event: before it starts, a place (bookHousehold); once it has
 * started, that they came (recordAttendance), so a session held last week, or someone who came
 * without booking, is recorded late. Returns what was recorded.
 */
export async function addHouseholdToEvent(deps: Deps, actor: Actor, eventId: string, enquiryId: string) {
  const event = await findEvent(deps.db, actor.agencyId, eventId);
  if (!event) throw notFound('Event');
  if (event.startsAt && event.startsAt <= new Date()) {
    return {
      kind: 'attended' as const,
      booking: await recordAttendance(deps.db, actor, eventId, enquiryId, true),
    };
  }
  return { kind: 'booked' as const, booking: await bookHousehold(deps, actor, eventId, enquiryId, 'staff') };
}

/** Attendance for everyone on an event's list at once, as marked on the register page. */
export async function recordRegister(
  db: Db,
  actor: Actor,
  eventId: string,
  marks: { enquiryId: string; attended: boolean }[],
) {
  for (const mark of marks) await recordAttendance(db, actor, eventId, mark.enquiryId, mark.attended);
}

/**
 * Reminders before a session: one two days before and one two hours before, for places booked
 * before each was due. Keyed by booking and start time, so a sweep that runs twice (or after the
 * session moves) writes each reminder once.
 */
export async function queueSessionReminders(
  deps: Deps,
  due: { bookingId: string; agencyId: string; window: '2d' | '2h'; startsAt: Date }[],
) {
  const ids: (string | undefined)[] = [];
  for (const reminder of due) {
    const id = await deps.db.transaction(async (tx) => {
      const booking = await findBookingById(tx, reminder.agencyId, reminder.bookingId);
      if (!booking || booking.status !== 'booked') return undefined;
      const event = await lockEvent(tx, reminder.agencyId, booking.eventId);
      if (!event?.startsAt || event.cancelledAt) return undefined;
      return queueBookingMessage(
        tx,
        event,
        booking,
        'reminder',
        `${reminder.window}:${event.startsAt.toISOString()}`,
      );
    });
    ids.push(id);
  }
  await dispatchMessages(deps.queues, ids);
  return ids.filter(Boolean).length;
}

/**
 * A place asked for on the public enquiry form. The enquiry is already saved; if the session has
 * meanwhile been cancelled or started, there is simply no booking and the officer offers another.
 */
export async function bookFromPublicForm(deps: Deps, agencyId: string, eventId: string, enquiryId: string) {
  const actor = systemActor(agencyId, 'public enquiry form');
  const event = await findEvent(deps.db, agencyId, eventId);
  if (!event || event.kind !== 'information_session') return undefined;
  try {
    return await bookHousehold(deps, actor, eventId, enquiryId, 'public');
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return undefined;
    throw err;
  }
}
