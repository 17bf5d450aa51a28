import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { memoRead } from '../shared/request-memo.ts';
import { agencyOf, councilIdOf, type ReportScope } from './report-scope.ts';

/** Enquiry routes a read counts (src/reports/report-routes.ts `routesCounted`); never empty. */
export type Routes = readonly string[];
const routeIn = (routes: Routes) => sql`route in ${[...routes]}`;

/** The memo key of a read (shared/request-memo.ts): its name and every argument. */
const readKey = (read: string, ...args: unknown[]) => JSON.stringify([read, ...args]);

/** The roll-up rows of an agency, or at a hub those of one member council (report-scope.ts). */
const own = (scope: ReportScope) => {
  const councilId = councilIdOf(scope);
  return councilId === undefined
    ? sql`agency_id = ${agencyOf(scope)}`
    : sql`agency_id = ${agencyOf(scope)} and council_id = ${councilId}`;
};

/**
 * Reads of the roll-up table (metric_counts) for the reports. Dates are inclusive Europe/London
 * days; each query returns small grouped rows, never raw events.
 */

export interface FlowRow {
  month: string;
  measure: string;
  stage: string;
  fromStage: string;
  reason: string;
  route: string;
  n: number;
}

/** Period counts by month: enquiries, stage moves and information-session households. */
export async function flowByMonth(db: Db, scope: ReportScope, from: IsoDate, to: IsoDate, routes: Routes) {
  return memoRead(db, readKey('flowByMonth', scope, from, to, routes), () =>
    rows<FlowRow>(
      db,
      sql`select to_char(day, 'YYYY-MM') as month, measure, stage, from_stage as "fromStage", reason, route,
                 sum(n)::int as n
          from metric_counts
          where ${own(scope)} and measure in ('enquiries', 'moves', 'session_households')
            and day between ${from} and ${to} and ${routeIn(routes)}
          group by 1, 2, 3, 4, 5, 6`,
    ),
  );
}

/**
 * Net moves in and out of each stage per month, over the whole history up to `to`: added up in
 * order they give how many households were at each stage at the end of any month.
 */
export async function stageChangesByMonth(db: Db, scope: ReportScope, to: IsoDate, routes: Routes) {
  return memoRead(db, readKey('stageChangesByMonth', scope, to, routes), () =>
    rows<{ month: string; stage: string; n: number }>(
      db,
      sql`select month, stage, sum(n)::int as n from (
            select to_char(day, 'YYYY-MM') as month, stage, n from metric_counts
            where ${own(scope)} and measure = 'moves' and day <= ${to} and ${routeIn(routes)}
            union all
            select to_char(day, 'YYYY-MM'), from_stage, -n from metric_counts
            where ${own(scope)} and measure = 'moves' and from_stage <> '' and day <= ${to}
              and ${routeIn(routes)}
          ) changes
          group by 1, 2 order by 1`,
    ),
  );
}

/**
 * How many households were at each stage at the end of `day`: the month-by-month changes up to
 * `day` added up. The same read as the month-end series beside it on the net carers, dashboard and
 * committee pages (memoised per request), so such a page reads the whole history once, not twice.
 */
export async function stagesAt(
  db: Db,
  scope: ReportScope,
  day: IsoDate,
  routes: Routes,
): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const change of await stageChangesByMonth(db, scope, day, routes)) {
    totals[change.stage] = (totals[change.stage] ?? 0) + change.n;
  }
  return totals;
}

/** A histogram measure (time_in_stage, application_to_approval) over the period. */
export async function histogram(db: Db, scope: ReportScope, measure: string, from: IsoDate, to: IsoDate) {
  return memoRead(db, readKey('histogram', scope, measure, from, to), () =>
    rows<{ stage: string; fromStage: string; reason: string; route: string; days: number; n: number }>(
      db,
      sql`select stage, from_stage as "fromStage", reason, route, days, sum(n)::int as n
          from metric_counts
          where ${own(scope)} and measure = ${measure} and day between ${from} and ${to}
          group by 1, 2, 3, 4, 5 order by days`,
    ),
  );
}

/** Of the enquiries received each month of the period, how many have reached each stage so far. */
export async function cohortByMonth(db: Db, scope: ReportScope, from: IsoDate, to: IsoDate, routes: Routes) {
  return memoRead(db, readKey('cohortByMonth', scope, from, to, routes), () =>
    rows<{ month: string; stage: string; n: number }>(
      db,
      sql`select to_char(day, 'YYYY-MM') as month, stage, sum(n)::int as n
          from metric_counts
          where ${own(scope)} and measure = 'cohort_reached' and day between ${from} and ${to}
            and ${routeIn(routes)}
          group by 1, 2 order by 1`,
    ),
  );
}

/**
 * Enquiries, applications and approvals in the period by where the household first came from:
 * campaign code and "how did you hear about us".
 */
export async function attributedCounts(
  db: Db,
  scope: ReportScope,
  from: IsoDate,
  to: IsoDate,
  routes: Routes,
) {
  return memoRead(db, readKey('attributedCounts', scope, from, to, routes), () =>
    rows<{ stage: string; route: string; campaignCode: string; heardAbout: string; n: number }>(
      db,
      sql`select case when measure = 'enquiry_sources' then 'enquiry' else stage end as stage, route,
                 campaign_code as "campaignCode", heard_about as "heardAbout", sum(n)::int as n
          from metric_counts
          where ${own(scope)} and measure in ('enquiry_sources', 'attributed_moves')
            and day between ${from} and ${to} and ${routeIn(routes)}
          group by 1, 2, 3, 4`,
    ),
  );
}

/** Enquiries received each day of the period (all sources), for campaign windows and trends. */
export async function enquiriesByDay(db: Db, scope: ReportScope, from: IsoDate, to: IsoDate, routes: Routes) {
  return memoRead(db, readKey('enquiriesByDay', scope, from, to, routes), () =>
    rows<{ day: string; n: number }>(
      db,
      sql`select day::text as day, sum(n)::int as n from metric_counts
          where ${own(scope)} and measure = 'enquiries' and day between ${from} and ${to}
            and ${routeIn(routes)}
          group by 1 order by 1`,
    ),
  );
}

/**
 * Approvals in the period with the days since the household's application (the
 * application_to_approval roll-up), by approval day: the application day is `day - days`.
 */
export async function approvalDurations(
  db: Db,
  scope: ReportScope,
  from: IsoDate,
  to: IsoDate,
  routes: Routes,
) {
  return memoRead(db, readKey('approvalDurations', scope, from, to, routes), () =>
    rows<{ day: string; days: number; route: string; n: number }>(
      db,
      sql`select day::text as day, days, route, sum(n)::int as n from metric_counts
          where ${own(scope)} and measure = 'application_to_approval'
            and day between ${from} and ${to} and ${routeIn(routes)}
          group by 1, 2, 3 order by 1, 2`,
    ),
  );
}
