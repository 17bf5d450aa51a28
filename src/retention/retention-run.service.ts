import { agencyIds } from '../agencies/agencies.repo.ts';
import type { Db } from '../db/db-type.ts';
import { systemActor } from '../shared/actor.ts';
import { runRetention, type RetentionRunResult } from './disposal.service.ts';

export type RetentionTotals = Omit<RetentionRunResult, 'householdIds'>;

/**
 * Runs the retention schedule for one agency or all of them and adds up the outcome (see
 * `runRetention` for the modes): the nightly job in `approved` mode, the operator's
 * `retention:run` in `operator` mode. The actor recorded in the audit is `label`.
 */
export async function runRetentionForAgencies(
  db: Db,
  options: { agencyId?: string; mode: 'operator' | 'approved'; dryRun?: boolean; label: string; now?: Date },
): Promise<RetentionTotals> {
  const totals: RetentionTotals = { due: 0, anonymised: 0, held: 0, skipped: 0 };
  const ids = options.agencyId ? [options.agencyId] : await agencyIds(db);
  for (const agencyId of ids) {
    const result = await runRetention(db, systemActor(agencyId, options.label), options);
    totals.due += result.due;
    totals.anonymised += result.anonymised;
    totals.held += result.held;
    totals.skipped += result.skipped;
  }
  return totals;
}
