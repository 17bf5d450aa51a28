import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { users } from '../users/users.table.ts';

/** An initial visit to a household's home, planned before it happens; completing it moves the household on. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }).notNull(),
    officerId: uuid('officer_id').references(() => users.id),
    status: text('status').$type<'scheduled' | 'completed' | 'cancelled'>().notNull().default('scheduled'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visits_agency_scheduled_idx').on(t.agencyId, t.scheduledFor),
    index('visits_enquiry_idx').on(t.enquiryId),
  ],
);
