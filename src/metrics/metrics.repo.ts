import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { memoRead } from '../shared/request-memo.ts';
import type { IsoDate } from '../calendar/dates.ts';
import {
  councilOf,
  countedFor,
  countScope,
  countScopes,
  scopeEnquiries,
  scopeEventEnquiry,
  scopeRows,
  type CountScope,
} from './count-scope.repo.ts';
import { metricStatus } from './metrics.table.ts';

/**
 * The roll-up SQL: each measure is one `INSERT … SELECT … GROUP BY` over the raw rows, for a whole
 * agency or for a range of Europe/London days. Nothing is streamed through Node. What each measure
 * means is in src/reports/funnel-measures.ts; the tests recount every one of them from the raw rows.
 */

/** Days [from, to): `to` is exclusive. Absent means the agency's whole history. */
export interface DayRange {
  from: IsoDate;
  to: IsoDate;
}

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;
const midnight = (day: IsoDate) => sql`(${day}::date::timestamp at time zone 'Europe/London')`;

/** Instants on the range's days; written as bounds on the column so its index is used. */
const within = (column: SQL, range?: DayRange) =>
  range ? sql`${column} >= ${midnight(range.from)} and ${column} < ${midnight(range.to)}` : sql`true`;

const insertInto = sql`insert into metric_counts
  (agency_id, day, measure, stage, from_stage, reason, route, channel, heard_about, campaign_code, days,
   council_id, n)`;

/** Enquiries received, by route: what the committee table counts. */
const enquiries = (s: CountScope, range?: DayRange) => sql`${insertInto}
  select ${countedFor(s, sql`q.agency_id`)}, ${london(sql`received_at`)}, 'enquiries', '', '', '', route, '', '', '',
         0, ${councilOf(s)}, count(*)
  from enquiries q
  where ${scopeEnquiries(s)} and ${within(sql`received_at`, range)}
  group by 1, 2, route, 12`;

/** Enquiries received with where they came from: contact channel, "how did you hear", campaign code. */
const enquirySources = (s: CountScope, range?: DayRange) => sql`${insertInto}
  select ${countedFor(s, sql`q.agency_id`)}, ${london(sql`received_at`)}, 'enquiry_sources', '', '', '', route,
         channel, coalesce(heard_about, ''), coalesce(upper(campaign_code), ''), 0, ${councilOf(s)}, count(*)
  from enquiries q
  where ${scopeEnquiries(s)} and ${within(sql`received_at`, range)}
  group by 1, 2, route, channel, 9, 10, 12`;

/** Every stage event (the first 'enquiry' event included, from ''), with its reason and the route. */
const moves = (s: CountScope, range?: DayRange) => sql`${insertInto}
  select ${countedFor(s, sql`e.agency_id`)}, ${london(sql`e.at`)}, 'moves', e.stage, coalesce(e.from_stage, ''),
         coalesce(e.reason, ''), q.route, '', '', '', 0, ${councilOf(s)}, count(*)
  from stage_events e join enquiries q on q.id = e.enquiry_id and ${scopeEnquiries(s, sql`e.agency_id`)}
  where ${scopeRows(s, sql`e.agency_id`)} and ${within(sql`e.at`, range)}
  group by 1, 2, e.stage, 5, 6, q.route, 12`;

/**
 * Applications and approvals credited to where the household first came from (first touch): the
 * enquiry's campaign code and "how did you hear", however many months later they happen.
 */
const attributedMoves = (s: CountScope, range?: DayRange) => sql`${insertInto}
  select ${countedFor(s, sql`e.agency_id`)}, ${london(sql`e.at`)}, 'attributed_moves', e.stage, '', '', q.route, '',
         coalesce(q.heard_about, ''), coalesce(upper(q.campaign_code), ''), 0, ${councilOf(s)}, count(*)
  from stage_events e join enquiries q on q.id = e.enquiry_id and ${scopeEnquiries(s, sql`e.agency_id`)}
  where ${scopeRows(s, sql`e.agency_id`)} and e.stage in ('application', 'approved')
    and ${within(sql`e.at`, range)}
  group by 1, 2, e.stage, q.route, 9, 10, 12`;

/**
 * Households at an information session, once per calendar month: dated by the first session they
 * attended that month, so the days of a month add up to its distinct households. Needs whole months.
 * By the route of the enquiry they came with, so the committee table can count mainstream only.
 * Counted under the booking's agency, whoever ran the session (a hub's session before a hand-off).
 */
const sessionHouseholds = (s: CountScope, months?: DayRange) => sql`${insertInto}
  select counted_for, day, 'session_households', '', '', '', route, '', '', '', 0, council, count(*)
  from (
    select ${countedFor(s, sql`b.agency_id`)} as counted_for, q.household_id, q.route, ${councilOf(s)} as council,
           min(${london(sql`ev.starts_at`)}) as day
    from event_bookings b
      join events ev on ev.id = b.event_id
      join enquiries q on q.id = b.enquiry_id and ${scopeEnquiries(s, sql`b.agency_id`)}
    where ${scopeRows(s, sql`b.agency_id`)} and b.attended and ev.kind = 'information_session'
      and ev.starts_at is not null and ev.cancelled_at is null and ${within(sql`ev.starts_at`, months)}
    group by 1, q.household_id, q.route, 4, date_trunc('month', ${london(sql`ev.starts_at`)})
  ) first_sessions
  group by counted_for, day, route, council`;

/**
 * Dated by the day the enquiry was received: how many of that day's enquiries ever reached each stage.
 * Each enquiry and stage once (grouped on the enquiry's key, so its other columns may be selected),
 * then counted: two hashed groupings, where count(distinct) sorted every event (15–25 % slower).
 */
const cohortReached = (s: CountScope, range?: DayRange) => sql`${insertInto}
  select counted_for, day, 'cohort_reached', stage, '', '', route, '', '', '', 0, council, count(*)
  from (
    select ${countedFor(s, sql`q.agency_id`)} as counted_for, ${london(sql`q.received_at`)} as day, e.stage,
           q.route, ${councilOf(s)} as council
    from enquiries q join stage_events e on e.enquiry_id = q.id and ${scopeRows(s, sql`e.agency_id`)}
    where ${scopeEnquiries(s, sql`e.agency_id`)} and ${within(sql`q.received_at`, range)}
    group by q.id, e.stage
  ) reached
  group by counted_for, day, stage, route, council`;

/**
 * Dated by the move out of a stage: whole London days spent in `from_stage`, from the event before
 * it (`previous_at`, kept by the database: migration 0018), so a plain GROUP BY for a whole history
 * or a few days alike.
 */
const timeInStage = (s: CountScope, range?: DayRange) => sql`${insertInto}
  select ${countedFor(s, sql`e.agency_id`)}, ${london(sql`e.at`)}, 'time_in_stage', e.stage, e.from_stage, '', '',
         '', '', '', ${london(sql`e.at`)} - ${london(sql`e.previous_at`)}, ${councilOf(s)}, count(*)
  from stage_events e
    ${scopeEventEnquiry(s)}
  where ${scopeRows(s, sql`e.agency_id`)} and e.from_stage is not null and e.previous_at is not null
    and ${within(sql`e.at`, range)}
  group by 1, 2, e.stage, e.from_stage, 11, 12`;

/** Dated by the approval: days since the household's application, and whether within 8 months (NMS 14). */
const applicationToApproval = (s: CountScope, range?: DayRange) => sql`${insertInto}
  select ${countedFor(s, sql`e.agency_id`)}, ${london(sql`e.at`)}, 'application_to_approval', '', '',
         case when ${london(sql`e.at`)} <= (${london(sql`a.at`)} + interval '8 months')::date
              then 'within_8_months' else 'over_8_months' end,
         q.route, '', '', '', ${london(sql`e.at`)} - ${london(sql`a.at`)}, ${councilOf(s)}, count(*)
  from stage_events e
    join enquiries q on q.id = e.enquiry_id and ${scopeEnquiries(s, sql`e.agency_id`)}
    cross join lateral (
      select a.at from stage_events a
      where a.enquiry_id = e.enquiry_id and a.stage = 'application' and (a.at, a.id) < (e.at, e.id)
      order by a.at desc, a.id desc limit 1
    ) a
  where ${scopeRows(s, sql`e.agency_id`)} and e.stage = 'approved' and ${within(sql`e.at`, range)}
  group by 1, 2, 6, q.route, 11, 12`;

const dayMeasures = [
  enquiries,
  enquirySources,
  moves,
  attributedMoves,
  cohortReached,
  timeInStage,
  applicationToApproval,
];

/**
 * Serialises refreshes of the given agencies (across processes); released when the transaction
 * ends. Taken in id order, so a rebuild of every agency and a refresh of one never deadlock.
 */
export async function lockAgencyMetrics(tx: Db, agencyIds: string | readonly string[]) {
  const ids = typeof agencyIds === 'string' ? [agencyIds] : [...agencyIds].sort();
  for (const id of ids)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`metrics:${id}`}, 0))`);
}

/**
 * Rebuilds everything for the given agencies (one, or every agency at night). Run inside a
 * transaction holding their locks. Every council among them is counted by one statement per measure
 * (each row under its own agency), each hub by its own: at 200,000 enquiries in 10 councils, 9 %
 * faster than a statement per measure per agency, and a national run makes 9 statements, not 9 per
 * council (bench: full-recompute).
 */
export async function rebuildAll(tx: Db, agencyIds: string | readonly string[]) {
  const ids = typeof agencyIds === 'string' ? [agencyIds] : [...agencyIds];
  if (ids.length === 0) return;
  const scopes = await countScopes(tx, ids);
  // Grouping a whole history in memory rather than in sorted runs on disk (this transaction only).
  await tx.execute(sql`set local work_mem = '128MB'`);
  await tx.execute(sql`delete from metric_dirty_days where agency_id in ${ids}`);
  await tx.execute(sql`delete from metric_counts where agency_id in ${ids}`);
  for (const scope of scopes) {
    for (const measure of dayMeasures) await tx.execute(measure(scope));
    await tx.execute(sessionHouseholds(scope));
  }
}

/**
 * Rebuilds the days in `range`, and the whole months around them for the monthly measure. Run
 * inside a transaction holding the agency's lock.
 */
export async function rebuildRange(tx: Db, agencyId: string, range: DayRange, months: DayRange) {
  const scope = await countScope(tx, agencyId);
  await tx.execute(sql`delete from metric_counts
    where agency_id = ${agencyId} and measure <> 'session_households'
      and day >= ${range.from} and day < ${range.to}`);
  for (const measure of dayMeasures) await tx.execute(measure(scope, range));
  await tx.execute(sql`delete from metric_counts
    where agency_id = ${agencyId} and measure = 'session_households'
      and day >= ${months.from} and day < ${months.to}`);
  await tx.execute(sessionHouseholds(scope, months));
}

/** Takes the days marked as changed that this transaction can see; later changes keep their marks. */
export async function claimDirtyDays(tx: Db, agencyId: string): Promise<IsoDate[]> {
  const claimed = await rows<{ day: string }>(
    tx,
    sql`with claimed as (delete from metric_dirty_days where agency_id = ${agencyId} returning day)
        select distinct day::text as day from claimed order by 1`,
  );
  return claimed.map((r) => r.day);
}

export async function agenciesWithDirtyDays(db: Db): Promise<string[]> {
  const found = await rows<{ agency_id: string }>(db, sql`select distinct agency_id from metric_dirty_days`);
  return found.map((r) => r.agency_id);
}

export async function pendingChanges(db: Db, agencyId: string) {
  const [row] = await memoRead(db, `pendingChanges ${agencyId}`, () =>
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from metric_dirty_days where agency_id = ${agencyId}`,
    ),
  );
  return row!.n;
}

export async function saveStatus(
  tx: Db,
  agencyId: string,
  status: { computedAt: Date; full: boolean; durationMs: number },
) {
  const values = { computedAt: status.computedAt, lastDurationMs: status.durationMs };
  const full = status.full ? { fullComputedAt: status.computedAt } : {};
  await tx
    .insert(metricStatus)
    .values({ agencyId, ...values, ...full })
    .onConflictDoUpdate({ target: metricStatus.agencyId, set: { ...values, ...full } });
}

export async function findStatus(db: Db, agencyId: string) {
  const [row] = await memoRead(db, `findStatus ${agencyId}`, () =>
    db.select().from(metricStatus).where(eq(metricStatus.agencyId, agencyId)),
  );
  return row;
}

/**
 * Gathers the roll-up table's statistics for the query planner after a full rebuild has rewritten
 * it. PostgreSQL's autovacuum would in time; PGlite has none, so without this the planner keeps
 * guessing from an empty table (one row per read) and sorts report rows where it should hash them.
 */
export async function analyzeRollUps(db: Db) {
  await db.execute(sql`analyze metric_counts`);
}
