import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { importBatches } from '../imports/imports.table.ts';
import { users } from '../users/users.table.ts';
import type { ContactMethod, ContactOutcome } from './enquiry-options.ts';
import { enquiries } from './enquiries.table.ts';

/** Attempts to reach the household: the first one answers "has anyone called them back yet?". */
export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    method: text('method').$type<ContactMethod>().notNull(),
    outcome: text('outcome').$type<ContactOutcome>().notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_attempts_enquiry_idx').on(t.enquiryId, t.at)],
);

export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    authorLabel: text('author_label'),
    /** The tracker import that wrote this note (the file's notes column); a rollback deletes it. */
    importBatchId: uuid('import_batch_id').references(() => importBatches.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notes_enquiry_idx').on(t.enquiryId, t.createdAt)],
);
