import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { bookableSessions, bookingsOfEnquiry, findEvent } from './events.repo.ts';
import { bookingStatusLabel } from './event-labels.ts';

/** The household page's sessions section: what they are booked on, and what they could be booked onto. */
export async function eventsForHousehold(
  db: Db,
  actor: Actor,
  enquiry: { id: string; sourceEventId: string | null },
) {
  const [bookings, sessions, sourceEvent] = await Promise.all([
    bookingsOfEnquiry(db, actor.agencyId, enquiry.id),
    bookableSessions(db, actor.agencyId, new Date()),
    enquiry.sourceEventId ? findEvent(db, actor.agencyId, enquiry.sourceEventId) : undefined,
  ]);
  const already = new Set(bookings.filter((b) => b.status !== 'cancelled').map((b) => b.eventId));
  return {
    // Preparation training has its own part of the page (household-training.ts).
    bookings: bookings
      .filter((b) => b.kind !== 'preparation_training')
      .map((b) => ({ ...b, statusLabel: bookingStatusLabel(b) })),
    sourceEvent: sourceEvent ? { id: sourceEvent.id, title: sourceEvent.title } : null,
    sessions: sessions.filter((s) => !already.has(s.id)),
  };
}
