import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';

/** Why a plausible submission was held rather than accepted (see spam.ts). */
export type HoldReason = 'honeypot' | 'bad_timing_token' | 'too_fast';

/**
 * Public enquiries held as possible spam: kept out of the pipeline, reports and emails until a
 * member of staff releases (then they become an enquiry, received at `receivedAt`) or deletes them.
 */
export const heldSubmissions = pgTable(
  'held_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    reason: text('reason').$type<HoldReason>().notNull(),
    /** The validated form (public-enquiry.schema.ts output) and the consent ticked. */
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('held_submissions_agency_idx').on(t.agencyId, t.receivedAt)],
);
