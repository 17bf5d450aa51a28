import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A council's fostering service. Every domain record belongs to exactly one agency. */
export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** Postcode districts or areas the council covers ("NR1", "IP"); empty when not set up. */
  areaPostcodePrefixes: text('area_postcode_prefixes').array().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
