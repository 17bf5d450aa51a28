import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A council's fostering service. Every domain record belongs to exactly one agency. */
export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
