import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { users } from '../users/users.table.ts';

/**
 * A to-do for an officer, created by the deadline sweep. The unique key (enquiry, deadline, state)
 * makes a sweep idempotent: running it twice, or after a crash, creates nothing twice.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    userId: uuid('user_id').references(() => users.id),
    deadline: text('deadline').notNull(),
    /** 'due_soon' or 'overdue'. */
    state: text('state').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('tasks_unique_key').on(t.enquiryId, t.deadline, t.state, t.dueAt),
    index('tasks_user_open_idx').on(t.userId, t.doneAt),
  ],
);
