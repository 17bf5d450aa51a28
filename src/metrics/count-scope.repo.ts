import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { agencies } from '../agencies/agencies.table.ts';
import type { Db } from '../db/client.ts';

/**
 * Whose rows one agency's roll-ups count (issue 17, regional hubs). A council counts its own
 * households: after a hand-off every row of the household carries the council's agency_id, with its
 * original dates, so the hub-era history counts for the council in the months it happened. A hub
 * counts every household it received (`agency_id = hub OR hub_id = hub`), wherever its rows are
 * now (a member council's, once handed off), so the region's figures include the outcomes the
 * councils record later; each of its rows names the member council it counts for (`council_id`).
 */
export interface CountScope {
  agencyId: string;
  hub: boolean;
  /** Agencies whose rows may hold the households counted: the agency, and a hub's members. */
  agencyIds: string[];
  /**
   * Several councils counted in one statement (a full rebuild): each row is counted for, and written
   * under, the agency_id its own rows carry, so one pass does what a statement per council did
   * (`agencyId` is then only the first of them). Never a hub: a hub counts other agencies' rows.
   */
  each?: boolean;
}

export async function countScope(db: Db, agencyId: string): Promise<CountScope> {
  const [agency] = await db.select({ kind: agencies.kind }).from(agencies).where(eq(agencies.id, agencyId));
  if (agency?.kind !== 'hub') return { agencyId, hub: false, agencyIds: [agencyId] };
  const members = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.hubId, agencyId));
  return { agencyId, hub: true, agencyIds: [agencyId, ...members.map((m) => m.id)] };
}

/**
 * The scopes a full rebuild of `ids` counts with: every council among them together (one statement
 * per measure for all of them), then each hub on its own. Ids in any order; unknown ids are skipped.
 */
export async function countScopes(db: Db, ids: readonly string[]): Promise<CountScope[]> {
  if (ids.length === 0) return [];
  const found = await db
    .select({ id: agencies.id, kind: agencies.kind })
    .from(agencies)
    .where(inArray(agencies.id, [...ids]));
  const councils = found.filter((a) => a.kind !== 'hub').map((a) => a.id);
  const hubs = found.filter((a) => a.kind === 'hub').map((a) => a.id);
  const scopes: CountScope[] = [];
  if (councils.length) scopes.push({ agencyId: councils[0]!, hub: false, agencyIds: councils, each: true });
  for (const hub of hubs) scopes.push(await countScope(db, hub));
  return scopes;
}

/**
 * The agency_id a roll-up row is written under: the scope's agency, or for several councils at once
 * (`each`) the agency_id of the row counted (`column`, grouped on).
 */
export const countedFor = (s: CountScope, column: SQL) => (s.each ? column : sql`${s.agencyId}::uuid`);

/** A condition on a table's own agency_id (so its index is used): rows the scope may count. */
export const scopeRows = (s: CountScope, column: SQL) =>
  s.agencyIds.length === 1 ? sql`${column} = ${s.agencyIds[0]}` : sql`${column} in ${s.agencyIds}`;

/**
 * The enquiries (alias `q`) the scope counts. `rowAgency` is the agency_id column of the row joined to
 * the enquiry: for several councils at once, the enquiry must be that same council's.
 */
export const scopeEnquiries = (s: CountScope, rowAgency?: SQL) => {
  if (s.hub) return sql`(q.agency_id = ${s.agencyId} or q.hub_id = ${s.agencyId})`;
  if (!s.each) return sql`q.agency_id = ${s.agencyId}`;
  return rowAgency ? sql`q.agency_id = ${rowAgency}` : scopeRows(s, sql`q.agency_id`);
};

/**
 * The member council an enquiry (alias `q`) counts for at a hub: the council it was handed to
 * (whose agency_id it now carries), else the one chosen on the form, else the one whose area the
 * household lives in; null is "Not yet known". Always null for a council's own roll-ups.
 */
export const councilOf = (s: CountScope) =>
  s.hub
    ? sql`case when q.agency_id <> ${s.agencyId} then q.agency_id
               else coalesce(q.preferred_council_id, q.home_council_id) end`
    : sql`null::uuid`;

/** For measures read from stage events alone (alias `e`): at a hub, the enquiry they belong to. */
export const scopeEventEnquiry = (s: CountScope) =>
  s.hub ? sql`join enquiries q on q.id = e.enquiry_id and ${scopeEnquiries(s)}` : sql``;

/** At a hub, only the enquiries (alias `q`) that count for one member council; all when none given. */
export const scopeCouncil = (s: CountScope, councilId: string | undefined) =>
  councilId === undefined ? sql`true` : sql`${councilOf(s)} = ${councilId}`;
