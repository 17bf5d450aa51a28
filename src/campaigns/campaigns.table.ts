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
import { users } from '../users/users.table.ts';
import type { CampaignChannel, Rag } from './campaign-options.ts';

/**
 * A marketing activity comms staff run and pay for. Enquiries carry its `code` (first touch), so
 * applications and approvals months later are still credited to it.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    channel: text('channel').$type<CampaignChannel>().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    ownerId: uuid('owner_id').references(() => users.id),
    reviewOn: date('review_on', { mode: 'string' }),
    /** The latest RAG rating; its history is in campaign_updates. */
    rag: text('rag').$type<Rag>(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('campaigns_agency_code_key').on(t.agencyId, sql`upper(${t.code})`),
    index('campaigns_agency_starts_idx').on(t.agencyId, t.startsOn),
    check(
      'campaigns_channel_check',
      sql`${t.channel} in ('outdoor','print','digital','broadcast','event','internal','partner','other')`,
    ),
    check('campaigns_rag_check', sql`${t.rag} in ('red','amber','green')`),
  ],
);

/** What a campaign cost, line by line, in pence. `vat` says whether VAT is on top, included or not charged. */
export const campaignCosts = pgTable(
  'campaign_costs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    amountPence: integer('amount_pence').notNull(),
    vat: text('vat').$type<'plus_vat' | 'includes_vat' | 'no_vat'>().notNull().default('no_vat'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('campaign_costs_campaign_idx').on(t.campaignId, t.position),
    check('campaign_costs_amount_check', sql`${t.amountPence} >= 0`),
  ],
);

/** The action plan's history: each progress note with the RAG rating given at the time. */
export const campaignUpdates = pgTable(
  'campaign_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    rag: text('rag').$type<Rag>(),
    note: text('note').notNull(),
    by: uuid('by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaign_updates_campaign_idx').on(t.campaignId, t.at)],
);
