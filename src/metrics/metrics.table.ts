import { bigserial, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';

/**
 * The roll-up every report reads: how many of each countable thing happened on each Europe/London
 * day, broken down by what reports group on. Rebuilt from the raw rows by set-based SQL (see
 * metrics.repo.ts), never edited by hand, so it always equals a recount of the events. Each
 * measure uses only the columns it needs (the rest stay ''), so the rows the committee table
 * reads stay few even at national scale. See src/reports/funnel-measures.ts for what each measure counts.
 */
export const metricCounts = pgTable(
  'metric_counts',
  {
    // No foreign key and no primary key: a rebuild writes ~1M already-grouped rows at national
    // scale, and checking each against an 11-column key and the agencies table cost half its time.
    // Rebuilds of one agency take turns under a lock (metrics.repo.ts), so rows are never doubled.
    agencyId: uuid('agency_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    measure: text('measure').notNull(),
    stage: text('stage').notNull().default(''),
    fromStage: text('from_stage').notNull().default(''),
    reason: text('reason').notNull().default(''),
    route: text('route').notNull().default(''),
    channel: text('channel').notNull().default(''),
    heardAbout: text('heard_about').notNull().default(''),
    campaignCode: text('campaign_code').notNull().default(''),
    days: integer('days').notNull().default(0),
    /**
     * At a hub only (issue 17): the member council the row's household counts for (the council it
     * was handed to, else the one chosen on the form, else the one whose area it lives in); null when
     * not yet known, and on every row of a council's own roll-ups. See src/metrics/count-scope.repo.ts.
     */
    councilId: uuid('council_id'),
    n: integer('n').notNull(),
  },
  (t) => [index('metric_counts_agency_measure_day_idx').on(t.agencyId, t.measure, t.day)],
);

/**
 * Days whose roll-ups are out of date. Database triggers add a row whenever an enquiry, stage
 * event, booking or event changes, in the same transaction, so no code path can forget to. A new
 * row per change (no upsert): a refresh deletes only the rows it can see, so a change committed
 * while it runs leaves its own row behind for the next refresh.
 */
export const metricDirtyDays = pgTable(
  'metric_dirty_days',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('metric_dirty_days_agency_idx').on(t.agencyId, t.day)],
);

/** When each agency's roll-ups were last brought up to date, for "figures as at …". */
export const metricStatus = pgTable('metric_status', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  /** Every change committed before this time is in the figures. */
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  fullComputedAt: timestamp('full_computed_at', { withTimezone: true }),
  lastDurationMs: integer('last_duration_ms').notNull().default(0),
});
