import type { Db } from '../db/db-type.ts';
import { can } from '../shared/access.ts';
import type { Actor } from '../shared/actor.ts';
import { activeLegalHold, legalHoldHistory } from './legal-holds.service.ts';
import { ruleLabels } from './retention-rules.ts';
import { retentionOf } from './retention.service.ts';

/**
 * The household page's "Records" panel: the retention rule and date with its basis, whether it has
 * been anonymised, the legal hold in force and every earlier one. Managers may place and lift holds.
 */
export async function householdRetention(db: Db, actor: Actor, householdId: string) {
  const [retention, hold, history] = await Promise.all([
    retentionOf(db, actor.agencyId, [householdId]).then((m) => m.get(householdId) ?? null),
    activeLegalHold(db, actor.agencyId, householdId),
    legalHoldHistory(db, actor.agencyId, householdId),
  ]);
  return {
    retention: retention && { ...retention, ruleLabel: ruleLabels[retention.rule] },
    hold,
    pastHolds: history.filter((h) => h.liftedAt !== null),
    canManage: can(actor.role, 'disposal'),
  };
}
