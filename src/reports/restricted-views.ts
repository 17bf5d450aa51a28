import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import type { Period } from './reports.schema.ts';

/**
 * Reports that show carers who left because of standards-of-care concerns (safeguarding, docs/domain.md
 * §7) are restricted to managers, and every view of them is audited, even in aggregate.
 */
export async function recordRestrictedView(db: Db, actor: Actor, report: string, period: Period) {
  await recordAudit(db, actor, {
    action: 'report.viewed',
    entityType: 'report',
    entityId: report,
    changes: { from: { to: period.from }, to: { to: period.to } },
  });
}
