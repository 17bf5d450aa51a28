import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import type { AuditChanges } from './audit.table.ts';
import { insertAuditEvent } from './audit.repo.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes?: AuditChanges;
}

/** The one way services record a change (or a view of restricted data). Call it inside the write's transaction. */
export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry) {
  await insertAuditEvent(db, auditRow(actor, entry));
}

/**
 * The audit_events row recordAudit writes, for a caller that writes it with others in one statement
 * (db/insert-together.ts). `at` defaults to the database's clock when not given.
 */
export function auditRow(actor: Actor, entry: AuditEntry, at?: Date) {
  return {
    agencyId: actor.agencyId,
    actorUserId: actor.userId,
    actorLabel: actor.userId ? null : (actor.label ?? 'system'),
    requestId: actor.requestId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes ?? null,
    ...(at ? { at } : {}),
  };
}

/** Field-by-field difference of two records, for the audit log. Secrets never enter it. */
export function changesBetween(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  omit: readonly string[] = ['passwordHash', 'tokenHash'],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const key of Object.keys(after)) {
    if (omit.includes(key)) continue;
    const from = before?.[key];
    const to = after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = before ? { from, to } : { to };
  }
  return changes;
}
