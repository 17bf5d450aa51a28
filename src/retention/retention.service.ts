import type { IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/db-type.ts';
import { enquiryRetentionFacts, findSchedule, type EnquiryFactsRow } from './retention.repo.ts';
import {
  defaultSchedule,
  retentionRuleFor,
  type EnquiryRetentionFacts,
  type Retention,
  type RetentionSchedule,
} from './retention-rules.ts';

export type { Retention, RetentionRule } from './retention-rules.ts';
export { retentionRuleFor } from './retention-rules.ts';

/** The service's schedule: its saved periods, or the defaults (10, 3 and 3 years). */
export async function retentionSchedule(db: Db, agencyId: string): Promise<RetentionSchedule> {
  const saved = await findSchedule(db, agencyId);
  return saved
    ? {
        approvedCarerYears: saved.approvedCarerYears,
        refusedOrWithdrawnYears: saved.refusedOrWithdrawnYears,
        enquiryOnlyYears: saved.enquiryOnlyYears,
      }
    : defaultSchedule;
}

export interface HouseholdRetention extends Retention {
  /** When its personal data was destroyed; null while it is held. */
  anonymisedAt: string | null;
}

/**
 * Each household's retention rule, the last day its records must be kept (`keepUntil`, a London
 * calendar date; null while the case is active) and the basis in plain English with its source
 * (retention-rules.ts holds the rules and their regulations). Households of another agency, or
 * unknown ids, are absent from the map. Without `householdIds`, every household of the agency.
 */
export async function retentionOf(
  db: Db,
  agencyId: string,
  householdIds?: readonly string[],
): Promise<Map<string, HouseholdRetention>> {
  if (householdIds && householdIds.length === 0) return new Map();
  const [schedule, facts] = await Promise.all([
    retentionSchedule(db, agencyId),
    enquiryRetentionFacts(db, agencyId, householdIds),
  ]);
  const byHousehold = new Map<string, EnquiryFactsRow[]>();
  for (const row of facts) {
    const list = byHousehold.get(row.householdId) ?? [];
    list.push(row);
    byHousehold.set(row.householdId, list);
  }
  const result = new Map<string, HouseholdRetention>();
  for (const [householdId, list] of byHousehold) {
    const first = list[0]!;
    const enquiries = list.filter((r) => r.stage !== null).map(toFacts);
    result.set(householdId, {
      ...retentionRuleFor(enquiries, schedule, first.householdCreatedOn),
      anonymisedAt: first.anonymisedAt,
    });
  }
  return result;
}

const toFacts = (row: EnquiryFactsRow): EnquiryRetentionFacts => ({
  stage: row.stage!,
  approved: row.approved ?? false,
  reachedApplication: row.reachedApplication ?? false,
  deregisteredOn: row.deregisteredOn,
  closedOn: row.closedOn,
  lastContactOn: row.lastContactOn as IsoDate,
});
