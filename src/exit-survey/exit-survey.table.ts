import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { messages } from '../messages/messages.table.ts';
import type { Stage } from '../pipeline/stages.ts';
import { users } from '../users/users.table.ts';

/**
 * The applicant's own reason for stopping (issue 16 §4): one optional survey per spell of a
 * household's journey (from its enquiry, or its latest reopening, to its closing), sent when it
 * closes as a withdrawal or for no response, or when it goes quiet for 90 days. The answer is
 * theirs and is never changed; the officer's decision about the closing reason is kept beside it
 * (`acceptedCode`), never written over the closing stage event (stage events are append-only).
 */
export const exitSurveys = pgTable(
  'exit_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    /** The stage event that began this spell (the enquiry, or the latest reopening): one survey per spell. */
    openedEventId: bigint('opened_event_id', { mode: 'number' }).notNull(),
    /** What caused it: the household closed, or went quiet. */
    trigger: text('trigger').$type<'closed' | 'quiet'>().notNull(),
    /** The stage they left from (closed) or were quiet at (quiet). */
    stage: text('stage').$type<Stage>().notNull(),
    /** The closing stage event of this spell, once there is one (set at closing for a quiet survey). */
    closeEventId: bigint('close_event_id', { mode: 'number' }),
    messageId: uuid('message_id').references(() => messages.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The choice they ticked, in their words (exit-survey-choices.ts); null if they only wrote. */
    choice: text('choice'),
    ownWords: text('own_words'),
    contactAgain: boolean('contact_again'),
    /** The withdrawal code the officer accepted from the answer as the closing reason. */
    acceptedCode: text('accepted_code'),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('exit_surveys_spell_key').on(t.enquiryId, t.openedEventId),
    index('exit_surveys_agency_close_idx').on(t.agencyId, t.closeEventId),
    check('exit_surveys_trigger_check', sql`${t.trigger} in ('closed', 'quiet')`),
    check(
      'exit_surveys_accepted_check',
      sql`${t.acceptedCode} is null or ${t.acceptedCode} in ('AW0','AW1','AW2','AW3','AW4','AW5')`,
    ),
  ],
);
