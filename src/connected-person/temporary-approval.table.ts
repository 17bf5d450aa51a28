import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { users } from '../users/users.table.ts';

/**
 * The one extension of a connected person's temporary approval: up to 8 weeks beyond the first 16
 * (Care Planning, Placement and Case Review (England) Regulations 2010, reg. 25), agreed by the
 * nominated officer. One row per enquiry at most: a second extension is refused (unique index).
 */
export const temporaryApprovalExtensions = pgTable(
  'temporary_approval_extensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    /** Whole calendar weeks added to the 16, 1 to 8. */
    weeks: integer('weeks').notNull(),
    /** The day the nominated officer agreed it (a Europe/London calendar day). */
    agreedOn: date('agreed_on', { mode: 'string' }).notNull(),
    /** Who agreed it, as written by the officer recording it (the nominated officer may have no account). */
    agreedBy: text('agreed_by').notNull(),
    /** The user who agreed it, when they have an account here. */
    agreedByUserId: uuid('agreed_by_user_id').references(() => users.id),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('temporary_approval_extensions_enquiry_key').on(t.enquiryId),
    check('temporary_approval_extensions_weeks_check', sql`${t.weeks} between 1 and 8`),
  ],
);
