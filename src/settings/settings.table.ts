import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Service-wide settings administrators can change without a release (for example bank holidays). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
