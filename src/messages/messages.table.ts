import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { people } from '../households/households.table.ts';

export const messageStatuses = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * The outbox: every email, written in the same transaction as the change that caused it and sent
 * by a job. The idempotency key (trigger + household + occasion) means a message is never created
 * twice; the status machine (queued → sending → sent) means it is never sent twice.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id').references(() => enquiries.id),
    personId: uuid('person_id').references(() => people.id),
    toAddress: text('to_address').notNull(),
    /** What caused it, e.g. 'booking_confirmation'. */
    trigger: text('trigger').notNull(),
    /**
     * 'service' (something they asked for, e.g. a booking), 'follow_up' (welcome, nudges: stop on
     * unsubscribe) or 'marketing' (needs consent too). See delivery-policy.ts.
     */
    purpose: text('purpose').$type<'service' | 'follow_up' | 'marketing'>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    templateVersionId: uuid('template_version_id'),
    status: text('status').$type<MessageStatus>().notNull().default('queued'),
    /** Not before this time (reminders). */
    sendAfter: timestamp('send_after', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_idempotency_key').on(t.agencyId, t.idempotencyKey),
    index('messages_due_idx').on(t.status, t.sendAfter),
    index('messages_enquiry_idx').on(t.enquiryId, t.createdAt),
    check('messages_status_check', sql`${t.status} in ('queued', 'sending', 'sent', 'failed', 'suppressed')`),
  ],
);
