import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { households } from '../households/households.table.ts';
import { users } from '../users/users.table.ts';

/**
 * A legal hold on a household (litigation, a complaint, an inquiry, a police request): while one is
 * in force nothing about the household is anonymised or erased. Lifting keeps the row, so the
 * history of holds is itself a record.
 */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    reason: text('reason').notNull(),
    placedBy: uuid('placed_by').references(() => users.id),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    liftedBy: uuid('lifted_by').references(() => users.id),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftReason: text('lift_reason'),
  },
  (t) => [
    // At most one hold in force per household.
    uniqueIndex('legal_holds_active_key')
      .on(t.householdId)
      .where(sql`${t.liftedAt} is null`),
    index('legal_holds_agency_idx').on(t.agencyId, t.householdId),
  ],
);

/** The rules a service's schedule sets a period for (reg. 32 sets minimums for the first two). */
export const scheduleRules = ['approved_carer', 'application_refused_or_withdrawn', 'enquiry_only'] as const;
export type ScheduleRule = (typeof scheduleRules)[number];

/**
 * A service's retention schedule: years kept after the event each rule counts from. No row means
 * the defaults (retention-rules.ts). Every change is kept in `retention_schedule_changes`.
 */
export const retentionSchedules = pgTable('retention_schedules', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  approvedCarerYears: integer('approved_carer_years').notNull(),
  refusedOrWithdrawnYears: integer('refused_or_withdrawn_years').notNull(),
  enquiryOnlyYears: integer('enquiry_only_years').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who changed a schedule's period, when, from what to what, and why. */
export const retentionScheduleChanges = pgTable(
  'retention_schedule_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    rule: text('rule').$type<ScheduleRule>().notNull(),
    fromYears: integer('from_years').notNull(),
    toYears: integer('to_years').notNull(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('retention_schedule_changes_agency_idx').on(t.agencyId, t.changedAt)],
);

export type DisposalDecision = 'approved' | 'excluded';

/**
 * A manager's review of a household due for disposal: approved (anonymise once its date has passed)
 * or excluded with a reason. A decision is for one retention date (`keep_until`): when new contact
 * moves the date, the old decision no longer applies. The latest decision per household counts.
 */
export const disposalDecisions = pgTable(
  'disposal_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    keepUntil: date('keep_until', { mode: 'string' }).notNull(),
    decision: text('decision').$type<DisposalDecision>().notNull(),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('disposal_decisions_household_idx').on(t.agencyId, t.householdId, t.decidedAt),
    check('disposal_decisions_decision_check', sql`${t.decision} in ('approved', 'excluded')`),
  ],
);
