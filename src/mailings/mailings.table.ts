import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import type { Stage } from '../pipeline/stages.ts';
import { users } from '../users/users.table.ts';

/** Who a mailing goes to. Everyone in it must also have consented to marketing email. */
export interface Segment {
  /** Households whose latest enquiry was received in the last so many months. */
  enquiredWithinMonths: number;
  /** Only households now at these stages; empty means any stage. */
  stages: Stage[];
}

export type MailingStatus = 'draft' | 'sending' | 'sent';

/**
 * A marketing send (newsletter, seasonal mailing) to a segment. The words are kept with it; each
 * recipient's email is a row in the outbox keyed by mailing and person, so a send never doubles.
 */
export const mailings = pgTable(
  'mailings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    segment: jsonb('segment').$type<Segment>().notNull(),
    status: text('status').$type<MailingStatus>().notNull().default('draft'),
    /** Recipients when sending started, and how many emails have been written so far. */
    total: integer('total'),
    written: integer('written').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mailings_agency_created_idx').on(t.agencyId, t.createdAt)],
);
