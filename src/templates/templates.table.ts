import {
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { users } from '../users/users.table.ts';

/**
 * An email the service sends (booking confirmation, welcome, nudge...), as the agency has worded
 * it. A row exists once someone has saved a version; until then the built-in default is used.
 */
export const emailTemplates = pgTable(
  'email_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Which email this is, e.g. 'booking_booked' (see src/templates/defaults.ts). */
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The version in use: the newest one saved. */
    currentVersionId: uuid('current_version_id').references((): AnyPgColumn => emailTemplateVersions.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_templates_agency_key').on(t.agencyId, t.key)],
);

/**
 * Every wording ever saved, never changed or deleted, so a sent message (messages.template_version_id)
 * can always show exactly which words it used. The body is plain text with ((placeholders)); the
 * HTML is generated from it, so nobody can put raw HTML into an email.
 */
export const emailTemplateVersions = pgTable(
  'email_template_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => emailTemplates.id),
    version: integer('version').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('email_template_versions_number').on(t.templateId, t.version),
    index('email_template_versions_agency_idx').on(t.agencyId),
  ],
);
