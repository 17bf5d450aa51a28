import { sql } from 'drizzle-orm';
import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { importBatches } from '../imports/imports.table.ts';
import { users } from '../users/users.table.ts';
import type { Stage } from './stages.ts';

/**
 * Append-only history: one row per stage change, dated when it happened. Reports count these rows,
 * so history is never overwritten (a database trigger refuses updates and deletes).
 */
export const stageEvents = pgTable(
  'stage_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    fromStage: text('from_stage').$type<Stage>(),
    stage: text('stage').$type<Stage>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    reason: text('reason'),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedByLabel: text('recorded_by_label'),
    /** The tracker import that wrote this row (issue 14); a rollback deletes the batch's rows. */
    importBatchId: uuid('import_batch_id').references(() => importBatches.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * When the event before this one in the enquiry's history happened (by `at`, then `id`); null for
     * its first event. Derived, never written by the app: database triggers fill it on insert and
     * repair it when an insert or delete lands inside a history (migration 0018), so time in stage
     * is a plain GROUP BY.
     */
    previousAt: timestamp('previous_at', { withTimezone: true }),
  },
  (t) => [
    index('stage_events_enquiry_idx').on(t.enquiryId, t.at, t.id),
    index('stage_events_agency_stage_at_idx').on(t.agencyId, t.stage, t.at),
    // Metric roll-ups: a range of days (incremental), and each household's events in order (nightly).
    index('stage_events_agency_at_idx').on(t.agencyId, t.at),
    index('stage_events_agency_enquiry_at_idx').on(t.agencyId, t.enquiryId, t.at, t.id),
    index('stage_events_import_batch_idx')
      .on(t.importBatchId)
      .where(sql`${t.importBatchId} is not null`),
  ],
);
