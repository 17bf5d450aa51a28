import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import type { IsoDate } from '../calendar/dates.ts';
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
  (agency_id, day, measure, stage, from_stage, reason, route, channel, heard_about, campaign_code, days, n)`;

/**
 * What a rebuild covers: one agency or every agency (the nightly run: one statement per measure
 * across all of them, not one per agency), its whole history or a range of days.
 */
export interface Scope {
  agencyId?: string;
  range?: DayRange;
}

/** The agency column of a measure's rows: the one agency, or the row's own. */
const agencyOf = (s: Scope, column: SQL) => (s.agencyId ? sql`${s.agencyId}::uuid` : column);
/** The agency filter on a table's rows (none when rebuilding every agency). */
const ofAgency = (s: Scope, column: SQL) => (s.agencyId ? sql`${column} = ${s.agencyId}` : sql`true`);

/** Enquiries received, by route: what the committee table counts. */
const enquiries = (s: Scope) => sql`${insertInto}
  select ${agencyOf(s, sql`agency_id`)}, ${london(sql`received_at`)}, 'enquiries', '', '', '', route, '', '', '', 0,
         count(*)
  from enquiries
  where ${ofAgency(s, sql`agency_id`)} and ${within(sql`received_at`, s.range)}
  group by 1, 2, route`;

/** Enquiries received with where they came from: contact channel, "how did you hear", campaign code. */
const enquirySources = (s: Scope) => sql`${insertInto}
  select ${agencyOf(s, sql`agency_id`)}, ${london(sql`received_at`)}, 'enquiry_sources', '', '', '', route, channel,
         coalesce(heard_about, ''), coalesce(upper(campaign_code), ''), 0, count(*)
  from enquiries
  where ${ofAgency(s, sql`agency_id`)} and ${within(sql`received_at`, s.range)}
  group by 1, 2, route, channel, 9, 10`;

/**
 * Stage events with their enquiry. Joined on the id alone (an event's agency is its enquiry's): a
 * second, correlated join condition makes the planner expect a few hundred rows and sort them.
 */
const eventsWithEnquiry = sql`stage_events e join enquiries q on q.id = e.enquiry_id`;

/** Every stage event (the first 'enquiry' event included, from ''), with its reason and the route. */
const moves = (s: Scope) => sql`${insertInto}
  select ${agencyOf(s, sql`e.agency_id`)}, ${london(sql`e.at`)}, 'moves', e.stage, coalesce(e.from_stage, ''),
         coalesce(e.reason, ''), q.route, '', '', '', 0, count(*)
  from ${eventsWithEnquiry}
  where ${ofAgency(s, sql`e.agency_id`)} and ${ofAgency(s, sql`q.agency_id`)} and ${within(sql`e.at`, s.range)}
  group by 1, 2, e.stage, 5, 6, q.route`;

/**
 * Applications and approvals credited to where the household first came from (first touch): the
 * enquiry's campaign code and "how did you hear", however many months later they happen.
 */
const attributedMoves = (s: Scope) => sql`${insertInto}
  select ${agencyOf(s, sql`e.agency_id`)}, ${london(sql`e.at`)}, 'attributed_moves', e.stage, '', '', q.route, '',
         coalesce(q.heard_about, ''), coalesce(upper(q.campaign_code), ''), 0, count(*)
  from ${eventsWithEnquiry}
  where ${ofAgency(s, sql`e.agency_id`)} and ${ofAgency(s, sql`q.agency_id`)} and e.stage in ('application', 'approved') and ${within(sql`e.at`, s.range)}
  group by 1, 2, e.stage, q.route, 9, 10`;

/**
 * Households at an information session, once per calendar month: dated by the first session they
 * attended that month, so the days of a month add up to its distinct households. Needs whole months.
 * By the route of the enquiry they came with, so the committee table can count mainstream only.
 */
const sessionHouseholds = (s: Scope) => sql`${insertInto}
  select agency_id, day, 'session_households', '', '', '', route, '', '', '', 0, count(*)
  from (
    select ${agencyOf(s, sql`b.agency_id`)} as agency_id, q.household_id, q.route,
           min(${london(sql`ev.starts_at`)}) as day
    from event_bookings b
      join events ev on ev.id = b.event_id
      join enquiries q on q.id = b.enquiry_id
    where ${ofAgency(s, sql`b.agency_id`)} and ${ofAgency(s, sql`ev.agency_id`)} and ${ofAgency(s, sql`q.agency_id`)}
      and b.attended and ev.kind = 'information_session'
      and ev.starts_at is not null and ev.cancelled_at is null and ${within(sql`ev.starts_at`, s.range)}
    group by 1, q.household_id, q.route, date_trunc('month', ${london(sql`ev.starts_at`)})
  ) first_sessions
  group by agency_id, day, route`;

/**
 * Dated by the day the enquiry was received: how many of that day's enquiries ever reached each
 * stage (a reopened household reaches 'enquiry' twice and counts once). (Making each enquiry's
 * stages distinct first, to hash instead of sorting, measured slower.)
 */
const cohortReached = (s: Scope) => sql`${insertInto}
  select ${agencyOf(s, sql`q.agency_id`)}, ${london(sql`q.received_at`)}, 'cohort_reached', e.stage, '', '',
         q.route, '', '', '', 0, count(distinct q.id)
  from enquiries q join stage_events e on e.enquiry_id = q.id
  where ${ofAgency(s, sql`q.agency_id`)} and ${ofAgency(s, sql`e.agency_id`)} and ${within(sql`q.received_at`, s.range)}
  group by 1, 2, e.stage, q.route`;

/**
 * Dated by the move out of a stage: whole London days spent in `from_stage`, from the event before
 * it (`previous_at`, kept by the database: migration 0018).
 */
const timeInStage = (s: Scope) => sql`${insertInto}
  select ${agencyOf(s, sql`agency_id`)}, ${london(sql`at`)}, 'time_in_stage', stage, from_stage, '', '', '', '', '',
         ${london(sql`at`)} - ${london(sql`previous_at`)}, count(*)
  from stage_events
  where ${ofAgency(s, sql`agency_id`)} and from_stage is not null and previous_at is not null
    and ${within(sql`at`, s.range)}
  group by 1, 2, stage, from_stage, 11`;

/** Dated by the approval: days since the household's application, and whether within 8 months (NMS 14). */
const applicationToApproval = (s: Scope) => sql`${insertInto}
  select ${agencyOf(s, sql`e.agency_id`)}, ${london(sql`e.at`)}, 'application_to_approval', '', '',
         case when ${london(sql`e.at`)} <= (${london(sql`a.at`)} + interval '8 months')::date
              then 'within_8_months' else 'over_8_months' end,
         q.route, '', '', '', ${london(sql`e.at`)} - ${london(sql`a.at`)}, count(*)
  from ${eventsWithEnquiry}
    cross join lateral (
      select a.at from stage_events a
      where a.enquiry_id = e.enquiry_id and a.stage = 'application' and (a.at, a.id) < (e.at, e.id)
      order by a.at desc, a.id desc limit 1
    ) a
  where ${ofAgency(s, sql`e.agency_id`)} and ${ofAgency(s, sql`q.agency_id`)} and e.stage = 'approved' and ${within(sql`e.at`, s.range)}
  group by 1, 2, 6, q.route, 11`;

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

/** Rebuilds everything for one agency, or for every agency. Run inside a transaction holding their locks. */
export async function rebuildAll(tx: Db, agencyId?: string) {
  const scope: Scope = { agencyId };
  // Grouping a whole history in memory rather than in sorted runs on disk (this transaction only).
  await tx.execute(sql`set local work_mem = '128MB'`);
  await tx.execute(sql`delete from metric_dirty_days where ${ofAgency(scope, sql`agency_id`)}`);
  await tx.execute(sql`delete from metric_counts where ${ofAgency(scope, sql`agency_id`)}`);
  for (const measure of dayMeasures) await tx.execute(measure(scope));
  await tx.execute(sessionHouseholds(scope));
}

/**
 * Rebuilds the days in `range`, and the whole months around them for the monthly measure. Run
 * inside a transaction holding the agency's lock.
 */
export async function rebuildRange(tx: Db, agencyId: string, range: DayRange, months: DayRange) {
  await tx.execute(sql`delete from metric_counts
    where agency_id = ${agencyId} and measure <> 'session_households'
      and day >= ${range.from} and day < ${range.to}`);
  for (const measure of dayMeasures) await tx.execute(measure({ agencyId, range }));
  await tx.execute(sql`delete from metric_counts
    where agency_id = ${agencyId} and measure = 'session_households'
      and day >= ${months.from} and day < ${months.to}`);
  await tx.execute(sessionHouseholds({ agencyId, range: months }));
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
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from metric_dirty_days where agency_id = ${agencyId}`,
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
  const [row] = await db.select().from(metricStatus).where(eq(metricStatus.agencyId, agencyId));
  return row;
}
