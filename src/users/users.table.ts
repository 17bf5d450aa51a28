import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import type { Role } from '../shared/roles.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** Set for one-time passwords (first admin, users added by an admin): change at next sign-in. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** A one-time password stops working at this time (24 hours after it was made); null otherwise. */
    passwordExpiresAt: timestamp('password_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    // Emails are unique across agencies so that sign-in needs only an email and password.
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_agency_idx').on(t.agencyId),
    check('users_role_check', sql`${t.role} in ('officer', 'manager', 'comms', 'admin')`),
  ],
);
