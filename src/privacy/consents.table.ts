import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { people } from '../households/households.table.ts';
import { importBatches } from '../imports/imports.table.ts';
import { users } from '../users/users.table.ts';

export const consentChannels = ['email', 'post', 'phone', 'sms'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/**
 * Marketing consent per person and channel (UK GDPR / PECR). Append-only: each grant or withdrawal
 * is a new row with the exact wording shown and when; the latest row per channel is the answer.
 */
export const consents = pgTable(
  'consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<ConsentChannel>().notNull(),
    granted: boolean('granted').notNull(),
    wording: text('wording').notNull(),
    source: text('source')
      .$type<'public_form' | 'staff' | 'api' | 'unsubscribe_link' | 'demo' | 'import'>()
      .notNull(),
    /** The tracker import that wrote this row (issue 14); a rollback deletes the batch's rows. */
    importBatchId: uuid('import_batch_id').references(() => importBatches.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (t) => [
    index('consents_person_idx').on(t.personId, t.channel, t.recordedAt),
    index('consents_import_batch_idx')
      .on(t.importBatchId)
      .where(sql`${t.importBatchId} is not null`),
  ],
);
