import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { people } from '../households/households.table.ts';

export interface EqualityAnswers {
  ageBand?: string;
  sex?: string;
  genderSameAsBirth?: string;
  sexualOrientation?: string;
  ethnicity?: string;
  religion?: string;
  disability?: string;
  maritalStatus?: string;
  pregnancy?: string;
  language?: string;
}

/**
 * Voluntary equality monitoring, kept apart from the case record: never shown beside assessment
 * information, visible to managers and administrators only, and reported only in aggregate.
 */
export const equalityMonitoring = pgTable('equality_monitoring', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  agencyId: uuid('agency_id')
    .notNull()
    .references(() => agencies.id),
  answers: jsonb('answers').$type<EqualityAnswers>().notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});
