import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { households } from '../households/households.table.ts';
import { importBatches } from '../imports/imports.table.ts';
import type { Stage } from '../pipeline/stages.ts';
import { users } from '../users/users.table.ts';
import type { Channel, HeardAbout, Route } from './enquiry-options.ts';

/**
 * A household's journey through the pipeline, from the enquiry that started it. A household that
 * enquires again years later gets a new enquiry; one closed by mistake is reopened (a new event).
 */
export const enquiries = pgTable(
  'enquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    route: text('route').$type<Route>().notNull().default('mainstream'),
    /**
     * Family and friends only: the day the child was placed with the connected person under reg. 24
     * of the Care Planning, Placement and Case Review (England) Regulations 2010, which starts the
     * temporary approval clock (src/connected-person/).
     */
    placedOn: date('placed_on', { mode: 'string' }),
    /** First-touch attribution: the campaign the enquiry came from. Kept as given even if unknown. */
    campaignCode: text('campaign_code'),
    heardAbout: text('heard_about').$type<HeardAbout>(),
    /** The community event it came from, if any (no foreign key: events refer to enquiries too). */
    sourceEventId: uuid('source_event_id'),
    assignedOfficerId: uuid('assigned_officer_id').references(() => users.id),
    stage: text('stage').$type<Stage>().notNull().default('enquiry'),
    /** When the current stage's event happened (not when it was typed). */
    stageSince: timestamp('stage_since', { withTimezone: true }).notNull(),
    /** Bumped by every stage change; transitions are guarded on it, so two concurrent moves cannot both win. */
    version: integer('version').notNull().default(1),
    firstContactDueAt: timestamp('first_contact_due_at', { withTimezone: true }).notNull(),
    firstContactedAt: timestamp('first_contacted_at', { withTimezone: true }),
    /** Possible duplicates found when the public form created it, for an officer to review. */
    possibleDuplicates: jsonb('possible_duplicates').$type<string[]>().notNull().default([]),
    createdVia: text('created_via').$type<'staff' | 'public_form' | 'api' | 'demo' | 'import'>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    /** One-time link from the public form's confirmation to its optional equality questions. */
    equalityTokenHash: text('equality_token_hash'),
    /** The tracker import that wrote this row (issue 14); a rollback deletes the batch's rows. */
    importBatchId: uuid('import_batch_id').references(() => importBatches.id),
    /**
     * Regional hub front door (issue 17). `hubId`: the hub that received the enquiry; it stays after
     * the hand-off (the enquiry then belongs to the council) so the hub can count what it started,
     * without personal data. `preferredCouncilId`: the member council the household chose to foster
     * for (null: "not sure"). `homeCouncilId`: the member council whose area the postcode is in.
     * `handedOffAt`: when the council accepted the hand-off.
     */
    hubId: uuid('hub_id').references(() => agencies.id),
    preferredCouncilId: uuid('preferred_council_id').references(() => agencies.id),
    homeCouncilId: uuid('home_council_id').references(() => agencies.id),
    handedOffAt: timestamp('handed_off_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enquiries_agency_received_idx').on(t.agencyId, t.receivedAt.desc(), t.id.desc()),
    index('enquiries_agency_stage_idx').on(t.agencyId, t.stage, t.stageSince),
    index('enquiries_agency_officer_idx').on(t.agencyId, t.assignedOfficerId, t.stage),
    index('enquiries_household_idx').on(t.householdId),
    index('enquiries_hub_idx')
      .on(t.hubId, t.receivedAt)
      .where(sql`${t.hubId} is not null`),
    index('enquiries_import_batch_idx')
      .on(t.importBatchId)
      .where(sql`${t.importBatchId} is not null`),
    index('enquiries_uncontacted_idx')
      .on(t.agencyId, t.firstContactDueAt)
      .where(sql`${t.firstContactedAt} is null`),
    check(
      'enquiries_stage_check',
      sql`${t.stage} in ('enquiry','initial_visit','application','assessment','panel','approved','deregistered','closed')`,
    ),
    check('enquiries_route_check', sql`${t.route} in ('mainstream', 'transfer', 'family_and_friends')`),
    check('enquiries_placed_on_route_check', sql`${t.placedOn} is null or ${t.route} = 'family_and_friends'`),
  ],
);
