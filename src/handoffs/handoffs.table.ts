import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { users } from '../users/users.table.ts';

/**
 * Where a hand-off stands: offered to a council, accepted (the household is the council's),
 * returned by the council with a reason, or timed out (not answered within the clock).
 */
export type HandoffStatus = 'offered' | 'accepted' | 'returned' | 'timed_out';

/**
 * A hub offering a household to a member council (issue 17). One open offer per enquiry; a returned
 * or timed-out household stays with the hub, which may offer it again (a new row), so every step
 * is kept. The note travels with the household; the return reason comes back to the hub.
 */
export const handoffs = pgTable(
  'handoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    hubId: uuid('hub_id')
      .notNull()
      .references(() => agencies.id),
    councilId: uuid('council_id')
      .notNull()
      .references(() => agencies.id),
    status: text('status').$type<HandoffStatus>().notNull().default('offered'),
    note: text('note'),
    returnReason: text('return_reason'),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull(),
    offeredBy: uuid('offered_by').references(() => users.id),
    /** The council's answer is due by then (a setting; default 2 working days). */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('handoffs_council_status_idx').on(t.councilId, t.status, t.dueAt),
    index('handoffs_hub_idx').on(t.hubId, t.offeredAt),
    index('handoffs_enquiry_idx').on(t.enquiryId),
    uniqueIndex('handoffs_one_open_offer_idx')
      .on(t.enquiryId)
      .where(sql`${t.status} = 'offered'`),
    check('handoffs_status_check', sql`${t.status} in ('offered', 'accepted', 'returned', 'timed_out')`),
    check('handoffs_return_reason_check', sql`${t.status} <> 'returned' or ${t.returnReason} is not null`),
  ],
);
