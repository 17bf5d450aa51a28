import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { households } from '../households/households.table.ts';
import { users } from '../users/users.table.ts';

export const dataRequestKinds = ['subject_access', 'erasure', 'transfer_out'] as const;
export type DataRequestKind = (typeof dataRequestKinds)[number];
export const dataRequestStatuses = ['open', 'completed', 'refused', 'withdrawn'] as const;
export type DataRequestStatus = (typeof dataRequestStatuses)[number];

/** How the requester can be found again: only what the search and the reply need. */
export interface RequesterDetails {
  name?: string;
  email?: string;
  phone?: string;
  postcode?: string;
}

/**
 * The register of data protection and transfer requests, with their statutory clocks. The
 * requester's details are personal data: the minimum to find their records and reply, kept only
 * while the request is open and cleared when it is closed, or when the household's data is erased
 * (docs/privacy.md, "Requests about personal data").
 */
export const dataRequests = pgTable(
  'data_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').$type<DataRequestKind>().notNull(),
    /** The household the request is about, when known (erasure and transfer out always). */
    householdId: uuid('household_id').references(() => households.id),
    requester: jsonb('requester').$type<RequesterDetails>().notNull().default({}),
    /** Transfer out: the fostering service the records go to. */
    recipient: text('recipient'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<DataRequestStatus>().notNull().default('open'),
    handlerId: uuid('handler_id').references(() => users.id),
    closedOn: date('closed_on', { mode: 'string' }),
    /** Why it was refused or closed, in the handler's words (no personal data). */
    outcome: text('outcome'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('data_requests_agency_status_due_idx').on(t.agencyId, t.status, t.dueOn),
    index('data_requests_household_idx').on(t.householdId),
    check('data_requests_kind_check', sql`${t.kind} in ('subject_access', 'erasure', 'transfer_out')`),
    check('data_requests_status_check', sql`${t.status} in ('open', 'completed', 'refused', 'withdrawn')`),
  ],
);
