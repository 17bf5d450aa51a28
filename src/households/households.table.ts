import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { importBatches } from '../imports/imports.table.ts';

export interface Preferences {
  /** Ages of children the household is thinking of caring for. */
  ageFrom?: number;
  ageTo?: number;
  siblingGroups?: boolean;
  respite?: boolean;
  parentAndChild?: boolean;
  longTerm?: boolean;
  notes?: string;
}

/** The unit the pipeline tracks: a home, its address and what its people want to offer. */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    town: text('town'),
    /** Canonical (shared/identity.ts): upper case, one space before the inward code ("NR1 3QU"), or "BFPO 1234". */
    postcode: text('postcode').notNull(),
    /** Lives in the council's area; null when not known. */
    inArea: boolean('in_area'),
    preferences: jsonb('preferences').$type<Preferences>().notNull().default({}),
    /** The tracker import that wrote this row (issue 14); a rollback deletes the batch's rows. */
    importBatchId: uuid('import_batch_id').references(() => importBatches.id),
    /**
     * Set when the household's personal data was destroyed (src/retention/anonymise.ts): at the end
     * of its retention period, or on an erasure request. Its counted history stays.
     */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    anonymisedCause: text('anonymised_cause').$type<'retention' | 'erasure'>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('households_agency_postcode_idx').on(t.agencyId, t.postcode),
    index('households_import_batch_idx')
      .on(t.importBatchId)
      .where(sql`${t.importBatchId} is not null`),
  ],
);

export const personKinds = ['applicant', 'member'] as const;
export const relationships = [
  'partner',
  'child',
  'adult_child',
  'parent',
  'other_adult',
  'other_child',
] as const;
export type Relationship = (typeof relationships)[number];

/** Applicants (one or two) and the other people who live in the household. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<(typeof personKinds)[number]>().notNull(),
    position: smallint('position').notNull().default(1),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    /** As the person typed it (shown on the household page); matching uses `phoneE164`. */
    phone: text('phone'),
    /**
     * Identity keys, made only by `personKeys` (shared/identity.ts) on every write of the fields
     * above. Null in rows written before migration 0008 until the startup backfill has run.
     */
    /** Trimmed, lower-case email. */
    emailKey: text('email_key'),
    /** The phone number in E.164 ("+441697734560"), GB numbers written nationally. */
    phoneE164: text('phone_e164'),
    /** Accent-, case- and punctuation-insensitive surname, for likely-duplicate checks. */
    lastNameKey: text('last_name_key'),
    /** The same key of "first last", for search. */
    nameKey: text('name_key'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    /** Year of birth, kept when an anonymised record loses `dateOfBirth` (age figures need no more). */
    birthYear: smallint('birth_year'),
    relationship: text('relationship').$type<Relationship>(),
    /** Set by the unsubscribe link: no follow-up or marketing email from then on. */
    emailOptOutAt: timestamp('email_opt_out_at', { withTimezone: true }),
    /** The tracker import that wrote this row (issue 14); a rollback deletes the batch's rows. */
    importBatchId: uuid('import_batch_id').references(() => importBatches.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('people_household_idx').on(t.householdId),
    index('people_agency_email_key_idx').on(t.agencyId, t.emailKey),
    index('people_agency_phone_e164_idx').on(t.agencyId, t.phoneE164),
    index('people_agency_last_name_key_idx').on(t.agencyId, t.lastNameKey),
    // Finds the rows the startup backfill has still to key; empty (and free) once it has run.
    index('people_without_keys_idx')
      .on(t.id)
      .where(sql`${t.lastNameKey} is null`),
    index('people_import_batch_idx')
      .on(t.importBatchId)
      .where(sql`${t.importBatchId} is not null`),
    check('people_kind_check', sql`${t.kind} in ('applicant', 'member')`),
  ],
);
