import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.table.ts';

/**
 * Single-use submission tokens of HTML forms: one row per token once a form carrying it is posted.
 * The primary key makes the claim atomic, so two posts of the same form cannot both create.
 * `scope` is the SHA-256 of the visitor's CSRF secret, so one visitor never learns another's outcome.
 */
export const submissionTokens = pgTable(
  'submission_tokens',
  {
    scope: text('scope').notNull(),
    token: text('token').notNull(),
    /** SHA-256 of the form's fields: a different body under the same token is a new submission. */
    requestHash: text('request_hash').notNull(),
    /** `pending` while the first post is handled, then `done`. */
    state: text('state').$type<'pending' | 'done'>().notNull().default('pending'),
    responseStatus: integer('response_status'),
    /** Where the first post redirected to; replays are sent to the same place. */
    location: text('location'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.token] }),
    index('submission_tokens_created_idx').on(t.createdAt),
  ],
);

/**
 * `Idempotency-Key` of API POSTs (IETF httpapi idempotency-key draft): the first successful
 * response, kept 24 hours and returned to any replay by the same user with the same body.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of method, path and JSON body. */
    requestHash: text('request_hash').notNull(),
    state: text('state').$type<'in_flight' | 'done'>().notNull().default('in_flight'),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
