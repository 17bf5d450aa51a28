import type { BookingStatus, EventKind } from './events.table.ts';
import { londonDate } from '../calendar/dates.ts';
import type { EventInput } from './events.schema.ts';

export const eventKindLabels: Record<EventKind, string> = {
  information_session: 'Information session',
  community_event: 'Community event',
  preparation_training: 'Preparation training',
};

export const bookingStatusLabels: Record<BookingStatus, string> = {
  booked: 'Booked',
  waitlisted: 'Waiting list',
  cancelled: 'Cancelled',
};

/**
 * The one wording of a household's place at an event, from what really happened: whether they came
 * (once recorded), whether the event itself was cancelled, otherwise the place's status.
 */
export function bookingStatusLabel(b: {
  status: BookingStatus;
  attended: boolean | null;
  cancelledAt?: Date | null;
}) {
  if (b.attended === true) return 'Came';
  if (b.attended === false) return 'Did not come';
  if (b.cancelledAt) return 'Event cancelled';
  return bookingStatusLabels[b.status];
}

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
});

/** An event as the edit form's fields. */
export function eventToForm(event: Omit<EventInput, 'staffIds'> & { staff: { id: string }[] }) {
  const date = event.startsAt ? londonDate(event.startsAt) : undefined;
  return {
    kind: event.kind,
    title: event.title,
    tbc: event.startsAt ? '' : 'yes',
    date: date ? { day: date.slice(8), month: date.slice(5, 7), year: date.slice(0, 4) } : {},
    startTime: event.startsAt ? clock.format(event.startsAt) : '',
    endTime: event.endsAt ? clock.format(event.endsAt) : '',
    candidateDates: event.candidateDates.join('\n'),
    online: event.online ? 'yes' : 'no',
    venue: event.venue ?? '',
    joiningLink: event.joiningLink ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    campaignCode: event.campaignCode ?? '',
    description: event.description ?? '',
    staffIds: event.staff.map((s) => s.id),
  };
}
