import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { users } from '../users/users.table.ts';

export type AuditChanges = Record<string, { from?: unknown; to?: unknown }>;

/** Append-only record of every change, and of every view of restricted data. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    /** Who acted when it was not a signed-in user: "public enquiry form", "system", "cli". */
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    changes: jsonb('changes').$type<AuditChanges>(),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_agency_at_idx').on(t.agencyId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
  ],
);
