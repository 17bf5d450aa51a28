import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { users } from '../users/users.table.ts';

/** A fostering panel meeting. */
export const panels = pgTable(
  'panels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    meetsOn: date('meets_on', { mode: 'string' }).notNull(),
    chair: text('chair'),
    capacity: integer('capacity').notNull().default(4),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('panels_agency_meets_idx').on(t.agencyId, t.meetsOn)],
);

export type Recommendation = 'approve' | 'not_approve';
export type Decision = 'approved' | 'refused';

/**
 * A household presented to a panel: papers sent, the panel's recommendation, and the decision
 * maker's decision (which moves the household to approved or closed).
 */
export const panelCases = pgTable(
  'panel_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    panelId: uuid('panel_id')
      .notNull()
      .references(() => panels.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    papersSentOn: date('papers_sent_on', { mode: 'string' }),
    recommendation: text('recommendation').$type<Recommendation>(),
    /** When the decision maker received the panel's minutes: the 7-working-day clock starts here. */
    minutesReceivedOn: date('minutes_received_on', { mode: 'string' }),
    decision: text('decision').$type<Decision>(),
    decidedOn: date('decided_on', { mode: 'string' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /**
     * Set when a manager booked the household although stage 1 checks were outstanding (issue 18):
     * the reason given, who and when. Null for an ordinary booking.
     */
    checksOverrideReason: text('checks_override_reason'),
    checksOverrideBy: uuid('checks_override_by').references(() => users.id),
    checksOverrideAt: timestamp('checks_override_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('panel_cases_panel_enquiry_key').on(t.panelId, t.enquiryId),
    index('panel_cases_enquiry_idx').on(t.enquiryId),
  ],
);
