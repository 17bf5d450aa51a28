import { sql, type SQL } from 'drizzle-orm';
import { enquiries } from './enquiries.table.ts';

/**
 * What the enquiry list and household page show of the hub front door (issue 17): the council the
 * household chose and the one its postcode is in (names, read from `agencies`), and since when it
 * is in the nurture pool (null when it is not). Correlated subqueries: one row each, by primary
 * key or the pool's open-row unique index.
 */
export const hubColumns = {
  hubId: enquiries.hubId,
  preferredCouncilId: enquiries.preferredCouncilId,
  homeCouncilId: enquiries.homeCouncilId,
  preferredCouncilName: sql<
    string | null
  >`(select a.name from agencies a where a.id = ${enquiries.preferredCouncilId})`.as(
    'preferred_council_name',
  ),
  homeCouncilName: sql<
    string | null
  >`(select a.name from agencies a where a.id = ${enquiries.homeCouncilId})`.as('home_council_name'),
  nurtureSince: sql<Date | null>`(select n.joined_at from nurture_pool n
    where n.enquiry_id = ${enquiries.id} and n.left_at is null)`
    .mapWith((v: string | Date | null) => (v === null ? null : new Date(v)))
    .as('nurture_since'),
};

export interface HubFilters {
  /** A member council's code (the council chosen), or `not_sure` for enquiries at the hub with none. */
  council?: string;
  /** Only households in the nurture pool. */
  nurture?: boolean;
}

export function hubConditions(f: HubFilters): SQL[] {
  const conditions: SQL[] = [];
  if (f.council === 'not_sure') {
    conditions.push(sql`${enquiries.hubId} is not null and ${enquiries.preferredCouncilId} is null`);
  } else if (f.council) {
    conditions.push(
      sql`${enquiries.preferredCouncilId} = (select a.id from agencies a where a.slug = ${f.council})`,
    );
  }
  if (f.nurture) {
    conditions.push(
      sql`exists (select 1 from nurture_pool n where n.enquiry_id = ${enquiries.id} and n.left_at is null)`,
    );
  }
  return conditions;
}
