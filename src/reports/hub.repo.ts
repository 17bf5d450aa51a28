import { asc, eq, sql } from 'drizzle-orm';
import { agencies } from '../agencies/agencies.table.ts';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import type { IsoDate } from '../calendar/dates.ts';

/** Enquiry routes counted (report-routes.ts `routesCounted`); never empty. */
type Routes = readonly string[];

/**
 * What the hub reports read besides the roll-ups (issue 17): the hub and its members, and the
 * hand-offs, counted by aggregate SQL over ids, dates and statuses (never a personal column).
 */

export async function agencyKind(db: Db, agencyId: string) {
  const [row] = await db
    .select({ id: agencies.id, name: agencies.name, kind: agencies.kind, hubId: agencies.hubId })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  return row;
}

/** A hub's member councils, by name: id, name, code and population (null when not set). */
export async function hubMembers(db: Db, hubId: string) {
  return db
    .select({ id: agencies.id, name: agencies.name, code: agencies.slug, population: agencies.population })
    .from(agencies)
    .where(eq(agencies.hubId, hubId))
    .orderBy(asc(agencies.name));
}
export type HubMember = Awaited<ReturnType<typeof hubMembers>>[number];

/**
 * Hand-offs the hub offered in the period (by the London day offered), by the council offered to
 * and where each stands now, for enquiries on the routes counted.
 */
export async function handoffsByCouncil(db: Db, hubId: string, from: IsoDate, to: IsoDate, routes: Routes) {
  return rows<{ councilId: string; status: string; n: number }>(
    db,
    sql`select h.council_id as "councilId", h.status, count(*)::int as n
        from handoffs h join enquiries q on q.id = h.enquiry_id
        where h.hub_id = ${hubId} and q.route in ${[...routes]}
          and (h.offered_at at time zone 'Europe/London')::date between ${from} and ${to}
        group by 1, 2`,
  );
}

/**
 * Accepted hand-offs decided in the period: whole London days from the enquiry's receipt to the
 * council's acceptance, by council, for the median.
 */
export async function daysToHandoff(db: Db, hubId: string, from: IsoDate, to: IsoDate, routes: Routes) {
  return rows<{ councilId: string; days: number; n: number }>(
    db,
    sql`select h.council_id as "councilId",
               (h.decided_at at time zone 'Europe/London')::date
                 - (q.received_at at time zone 'Europe/London')::date as days,
               count(*)::int as n
        from handoffs h join enquiries q on q.id = h.enquiry_id
        where h.hub_id = ${hubId} and h.status = 'accepted' and h.decided_at is not null
          and q.route in ${[...routes]}
          and (h.decided_at at time zone 'Europe/London')::date between ${from} and ${to}
        group by 1, 2 order by 2`,
  );
}

/**
 * A hub's roll-ups over the period by the member council each household counts for (council_id;
 * null is "Not yet known"): enquiries, stage moves and information-session households.
 */
export async function flowByCouncil(db: Db, hubId: string, from: IsoDate, to: IsoDate, routes: Routes) {
  return rows<{
    councilId: string | null;
    measure: string;
    stage: string;
    fromStage: string;
    reason: string;
    route: string;
    n: number;
  }>(
    db,
    sql`select council_id as "councilId", measure, stage, from_stage as "fromStage", reason, route,
               sum(n)::int as n
        from metric_counts
        where agency_id = ${hubId} and measure in ('enquiries', 'moves', 'session_households')
          and day between ${from} and ${to} and route in ${[...routes]}
        group by 1, 2, 3, 4, 5, 6`,
  );
}
