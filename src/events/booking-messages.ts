import type { Db } from '../db/client.ts';
import { formatDate, formatDateTime } from '../shared/format.ts';
import type { TemplateKey } from '../templates/defaults.ts';
import { assignedOfficerName } from '../enquiries/enquiries.repo.ts';
import type { PlaceholderValue } from '../templates/render.ts';
import { renderTemplate } from '../templates/templates.service.ts';
import type { EventRow } from './events.repo.ts';

export type BookingMessageKind = 'booked' | 'waitlisted' | 'promoted' | 'reminder' | 'event_cancelled';

const templateFor: Record<BookingMessageKind, TemplateKey> = {
  booked: 'booking_booked',
  waitlisted: 'booking_waitlisted',
  promoted: 'booking_promoted',
  reminder: 'booking_reminder',
  event_cancelled: 'event_cancelled',
};

/**
 * Where the session is. The joining link is the one value that may become a link in an email:
 * staff entered it and the event schema accepted only an http(s) address (see render.ts).
 */
function where(event: EventRow): PlaceholderValue {
  if (event.online)
    return event.joiningLink
      ? { text: 'Online. Join here:', url: event.joiningLink }
      : 'Online. We will email you the joining link.';
  return event.venue ? `At ${event.venue}` : 'We will email you the venue.';
}

/**
 * The email about a session place, in the agency's words (its email template, or the built-in
 * default). Returns subject, text, html and the templateVersionId to record on the message.
 */
export async function bookingMessage(
  db: Db,
  kind: BookingMessageKind,
  event: EventRow,
  firstName: string,
  agencyName: string,
  enquiryId?: string,
) {
  return renderTemplate(db, event.agencyId, templateFor[kind], {
    first_name: firstName,
    agency_name: agencyName,
    officer_name: enquiryId ? await assignedOfficerName(db, event.agencyId, enquiryId) : undefined,
    event_title: event.title,
    event_when: event.startsAt ? formatDateTime(event.startsAt) : 'on a date we will confirm',
    event_where: where(event),
    next_session_date: event.startsAt ? formatDate(event.startsAt) : undefined,
  });
}
