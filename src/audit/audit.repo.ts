import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../users/users.table.ts';
import { auditEvents } from './audit.table.ts';

export async function insertAuditEvent(db: Db, values: typeof auditEvents.$inferInsert) {
  await db.insert(auditEvents).values(values);
}

/** Newest first, keyset-paginated by id. */
export async function listAuditEvents(
  db: Db,
  agencyId: string,
  options: { before?: number; limit: number; entityType?: string; entityId?: string },
) {
  const conditions = [eq(auditEvents.agencyId, agencyId)];
  if (options.before) conditions.push(lt(auditEvents.id, options.before));
  if (options.entityType) conditions.push(eq(auditEvents.entityType, options.entityType));
  if (options.entityId) conditions.push(eq(auditEvents.entityId, options.entityId));
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      changes: auditEvents.changes,
      actorLabel: auditEvents.actorLabel,
      actorName: users.name,
      requestId: auditEvents.requestId,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(options.limit);
}
