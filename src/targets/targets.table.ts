import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { users } from '../users/users.table.ts';

/**
 * A public recruitment target: "20 new foster carers in 2026" (calendar year) or for a financial
 * year. New carers are approvals plus transfers in, as in the net-carers report.
 */
export const targets = pgTable(
  'targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').$type<'calendar' | 'financial'>().notNull(),
    /** The calendar year, or the year a financial year starts (2026 = 2026/27). */
    year: integer('year').notNull(),
    carers: integer('carers').notNull(),
    setBy: uuid('set_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('targets_agency_kind_year_key').on(t.agencyId, t.kind, t.year),
    check('targets_kind_check', sql`${t.kind} in ('calendar', 'financial')`),
    check('targets_carers_check', sql`${t.carers} > 0`),
  ],
);
