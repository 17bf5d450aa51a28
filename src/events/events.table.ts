import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { users } from '../users/users.table.ts';

/**
 * `preparation_training`: a preparation course for households in assessment (Skills to Foster and
 * the like, issue 18 §3). It reuses bookings and attendance but is never an information session:
 * the funnel and the public enquiry form count and offer information sessions only.
 */
export const eventKinds = ['information_session', 'community_event', 'preparation_training'] as const;
export type EventKind = (typeof eventKinds)[number];

/** Information sessions (online or in person), community events (shows, markets, stalls) and preparation training. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').$type<EventKind>().notNull(),
    title: text('title').notNull(),
    /** Null while the date is to be confirmed. */
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    /** Dates being considered while "to be confirmed" (YYYY-MM-DD). */
    candidateDates: jsonb('candidate_dates').$type<string[]>().notNull().default([]),
    online: boolean('online').notNull().default(false),
    venue: text('venue'),
    joiningLink: text('joining_link'),
    /** Places available; null means no limit. */
    capacity: integer('capacity'),
    campaignCode: text('campaign_code'),
    description: text('description'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_agency_starts_idx').on(t.agencyId, t.startsAt),
    check(
      'events_kind_check',
      sql`${t.kind} in ('information_session', 'community_event', 'preparation_training')`,
    ),
    check('events_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** Staff attending or running an event. */
export const eventStaff = pgTable(
  'event_staff',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex('event_staff_key').on(t.eventId, t.userId)],
);

export const bookingStatuses = ['booked', 'waitlisted', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/**
 * A household's place at an event. Over capacity it joins the waiting list (oldest first);
 * `attended` is what the committee report counts (null until recorded).
 */
export const eventBookings = pgTable(
  'event_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    status: text('status').$type<BookingStatus>().notNull(),
    attended: boolean('attended'),
    bookedAt: timestamp('booked_at', { withTimezone: true }).notNull().defaultNow(),
    attendanceRecordedAt: timestamp('attendance_recorded_at', { withTimezone: true }),
    source: text('source').$type<'staff' | 'public' | 'api'>().notNull(),
  },
  (t) => [
    uniqueIndex('event_bookings_event_enquiry_key').on(t.eventId, t.enquiryId),
    index('event_bookings_event_status_idx').on(t.eventId, t.status, t.bookedAt),
    index('event_bookings_agency_attended_idx').on(t.agencyId, t.attended),
  ],
);
