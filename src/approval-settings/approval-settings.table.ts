import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { users } from '../users/users.table.ts';

/**
 * The history of a service's dated approval settings (docs/domain.md, "The approval route and
 * timeliness standards"): each row is one change an administrator made, taking effect on a date.
 * Rows are only ever added: the setting in force on a date is the latest-dated row on or before it
 * (the later recorded of two with the same date), and with no row the national default applies.
 * `value` is the new value and `previous_value` the value in force on `effective_from` before it.
 */
export const approvalSettingChanges = pgTable(
  'approval_setting_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** 'approval_route' or 'timeliness_standard' (application to approval). */
    setting: text('setting').$type<'approval_route' | 'timeliness_standard'>().notNull(),
    /** A route code, or a whole number of calendar months. */
    value: jsonb('value').notNull(),
    previousValue: jsonb('previous_value').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('approval_setting_changes_agency_idx').on(t.agencyId, t.setting, t.effectiveFrom),
    check(
      'approval_setting_changes_setting_check',
      sql`${t.setting} in ('approval_route', 'timeliness_standard')`,
    ),
  ],
);
