import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** What an agency is (issue 17): a council's fostering service, or a regional recruitment hub. */
export type AgencyKind = 'council' | 'hub';

/**
 * A council's fostering service, or a regional recruitment hub (DfE-funded, since 2023) that answers
 * enquiries for its member councils and hands households to the one they will foster for. Every
 * domain record belongs to exactly one agency.
 */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The agency's code: `/enquire/<code>`, `--agency CODE`, `to: "<council code>"` in the API. */
    slug: text('slug').notNull().unique(),
    kind: text('kind').$type<AgencyKind>().notNull().default('council'),
    /** A member council's hub; null for a hub and for a council that recruits on its own. */
    hubId: uuid('hub_id').references((): AnyPgColumn => agencies.id),
    /**
     * Residents of the council's area (ONS mid-year estimate), the basis of its share of the hub's
     * costs: share = population ÷ the sum over the hub's members. Null when not set (no share).
     */
    population: integer('population'),
    /** Postcode districts or areas the council covers ("NR1", "IP"); empty when not set up. */
    areaPostcodePrefixes: text('area_postcode_prefixes').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agencies_hub_idx')
      .on(t.hubId)
      .where(sql`${t.hubId} is not null`),
    check('agencies_kind_check', sql`${t.kind} in ('council', 'hub')`),
    check('agencies_hub_member_check', sql`${t.hubId} is null or ${t.kind} = 'council'`),
    check('agencies_population_check', sql`${t.population} is null or ${t.population} > 0`),
  ],
);
