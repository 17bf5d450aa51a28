import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { users } from '../users/users.table.ts';

/** Why a household left the nurture pool and came back into the active pipeline. */
export const nurtureLeftReasons = ['reply', 'booking', 'officer', 'moved_on'] as const;
export type NurtureLeftReason = (typeof nurtureLeftReasons)[number];

/**
 * The nurture pool (issue 17 §6): households "not ready yet" that an officer chose to keep in touch
 * with on a longer, gentler email sequence. Not a pipeline stage: the household stays at `enquiry`
 * or `initial_visit` (the state machine and every report are unchanged); this row says since when
 * it is being nurtured and how far the sequence has gone. One open row per enquiry; a household
 * that leaves and is put back later gets a new row, so the history is kept.
 */
export const nurturePool = pgTable(
  'nurture_pool',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    joinedBy: uuid('joined_by').references(() => users.id),
    /** How many steps of the sequence have been written to the outbox (0: none yet). */
    stepsSent: integer('steps_sent').notNull().default(0),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
    leftReason: text('left_reason').$type<NurtureLeftReason>(),
  },
  (t) => [
    uniqueIndex('nurture_pool_open_idx')
      .on(t.enquiryId)
      .where(sql`${t.leftAt} is null`),
    index('nurture_pool_agency_idx').on(t.agencyId, t.joinedAt),
    check('nurture_pool_left_check', sql`(${t.leftAt} is null) = (${t.leftReason} is null)`),
    check(
      'nurture_pool_reason_check',
      sql`${t.leftReason} is null or ${t.leftReason} in ('reply', 'booking', 'officer', 'moved_on')`,
    ),
  ],
);
