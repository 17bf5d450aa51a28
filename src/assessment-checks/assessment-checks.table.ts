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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { people } from '../households/households.table.ts';
import { users } from '../users/users.table.ts';

/** Who one item of the service's list is asked for (docs/assessment.md). */
export const appliesToValues = ['each_adult', 'each_applicant', 'household', 'each_referee'] as const;
export type AppliesTo = (typeof appliesToValues)[number];

/** The kinds of referee a household names; a reference type asks for one kind. */
export const refereeKinds = [
  'personal',
  'employer',
  'former_partner',
  'school',
  'previous_fostering',
] as const;
export type RefereeKind = (typeof refereeKinds)[number];

/** Where an item stands: not yet asked for, asked for, chased at least once, back. */
export const checkStatuses = ['not_requested', 'requested', 'chased', 'received'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

/** A concern is restricted to managers; "not needed" always carries its reason. */
export const checkOutcomes = ['clear', 'concern', 'not_needed'] as const;
export type CheckOutcome = (typeof checkOutcomes)[number];

/**
 * The service's own list of assessment checks (issue 18): which items it asks for, at which stage
 * (1: statutory checks and references; 2: the assessment report), for whom, and how long each
 * normally takes. Seeded from the defaults (src/assessment-checks/check-types.defaults.ts) the first
 * time a service uses it; administrators edit it. Items are never deleted, only made inactive, so
 * the checks that named them keep their meaning and the turnaround report its history.
 */
export const checkTypes = pgTable(
  'check_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Stable, lower-case machine name ("dbs", "personal_reference"); unique in the service. */
    key: text('key').notNull(),
    label: text('label').notNull(),
    stage: smallint('stage').$type<1 | 2>().notNull(),
    appliesTo: text('applies_to').$type<AppliesTo>().notNull(),
    /** For a reference (`each_referee`): the kind of referee it is asked of; null otherwise. */
    refereeKind: text('referee_kind').$type<RefereeKind>(),
    /** Calendar days from request to receipt the service normally expects. */
    expectedTurnaroundDays: smallint('expected_turnaround_days').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: smallint('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('check_types_agency_key').on(t.agencyId, t.key),
    check('check_types_stage_check', sql`${t.stage} in (1, 2)`),
    check(
      'check_types_applies_to_check',
      sql`${t.appliesTo} in ('each_adult', 'each_applicant', 'household', 'each_referee')`,
    ),
    check(
      'check_types_referee_kind_check',
      sql`(${t.appliesTo} = 'each_referee') = (${t.refereeKind} is not null) and (${t.refereeKind} is null or ${t.refereeKind} in ('personal', 'employer', 'former_partner', 'school', 'previous_fostering'))`,
    ),
    check('check_types_turnaround_check', sql`${t.expectedTurnaroundDays} between 1 and 366`),
  ],
);

/**
 * One item of a household's assessment checklist: a check type asked for one adult or applicant
 * (`personId`), one referee (the `referee*` columns), or the household (neither). Dates are the
 * calendar dates things happened (never in the future; received on or after requested). The
 * outcome's note, and a concern itself, are restricted to managers. The reference columns at the
 * end (`tokenHash` … `answers`) belong to the online reference (issue 18, scope 2): a signed link
 * emailed to the referee, its reminders, and what the referee submitted (restricted).
 */
export const assessmentChecks = pgTable(
  'assessment_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    checkTypeId: uuid('check_type_id')
      .notNull()
      .references(() => checkTypes.id),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    refereeName: text('referee_name'),
    refereeEmail: text('referee_email'),
    refereeKind: text('referee_kind').$type<RefereeKind>(),
    status: text('status').$type<CheckStatus>().notNull().default('not_requested'),
    requestedOn: date('requested_on', { mode: 'string' }),
    /** The latest chase; `chaseCount` says how many there were. */
    lastChasedOn: date('last_chased_on', { mode: 'string' }),
    chaseCount: smallint('chase_count').notNull().default(0),
    receivedOn: date('received_on', { mode: 'string' }),
    outcome: text('outcome').$type<CheckOutcome>(),
    /**
     * The reason for "not needed" (required by the service), or a note on the outcome (restricted
     * with a concern). Emptied when the household is anonymised.
     */
    outcomeNote: text('outcome_note'),
    outcomeBy: uuid('outcome_by').references(() => users.id),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    /** SHA-256 of the referee's signed link token; the token itself is never stored. */
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    /** When the reference request email was sent, and each reminder (7 and 14 days). */
    linkSentAt: timestamp('link_sent_at', { withTimezone: true }),
    firstReminderAt: timestamp('first_reminder_at', { withTimezone: true }),
    secondReminderAt: timestamp('second_reminder_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** The referee's answers (restricted); destroyed with the household's personal data. */
    answers: jsonb('answers'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assessment_checks_enquiry_idx').on(t.enquiryId),
    index('assessment_checks_agency_type_idx').on(t.agencyId, t.checkTypeId),
    // Generation never makes the same item twice: one per type and person, one per type for the household.
    uniqueIndex('assessment_checks_person_key')
      .on(t.enquiryId, t.checkTypeId, t.personId)
      .where(sql`${t.personId} is not null`),
    uniqueIndex('assessment_checks_household_key')
      .on(t.enquiryId, t.checkTypeId)
      .where(sql`${t.personId} is null and ${t.refereeKind} is null`),
    uniqueIndex('assessment_checks_token_key')
      .on(t.tokenHash)
      .where(sql`${t.tokenHash} is not null`),
    check(
      'assessment_checks_status_check',
      sql`${t.status} in ('not_requested', 'requested', 'chased', 'received')`,
    ),
    check(
      'assessment_checks_outcome_check',
      sql`${t.outcome} is null or ${t.outcome} in ('clear', 'concern', 'not_needed')`,
    ),
    check(
      'assessment_checks_received_after_requested_check',
      sql`${t.receivedOn} is null or ${t.requestedOn} is null or ${t.receivedOn} >= ${t.requestedOn}`,
    ),
    check('assessment_checks_referee_check', sql`${t.refereeKind} is null or ${t.personId} is null`),
  ],
);
