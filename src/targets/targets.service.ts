import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { calendarYear, financialYear } from '../calendar/dates.ts';
import { notFound } from '../shared/errors.ts';
import { deleteTarget, upsertTarget } from './targets.repo.ts';
import type { TargetInputValue } from './targets.schema.ts';

export const targetPeriod = (t: { kind: 'calendar' | 'financial'; year: number }) =>
  t.kind === 'calendar' ? calendarYear(t.year) : financialYear(t.year);

export async function setTarget(db: Db, actor: Actor, input: TargetInputValue) {
  return db.transaction(async (tx) => {
    const saved = await upsertTarget(tx, { agencyId: actor.agencyId, ...input, setBy: actor.userId });
    await recordAudit(tx, actor, {
      action: 'target.set',
      entityType: 'target',
      entityId: saved.id,
      changes: { kind: { to: input.kind }, year: { to: input.year }, carers: { to: input.carers } },
    });
    return saved;
  });
}

export async function removeTarget(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const removed = await deleteTarget(tx, actor.agencyId, id);
    if (!removed) throw notFound('Target');
    await recordAudit(tx, actor, { action: 'target.removed', entityType: 'target', entityId: id });
  });
}
