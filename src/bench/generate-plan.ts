import { heardAboutCodes } from '../enquiries/enquiry-options.ts';
import { addDays, dayOfWeek, type IsoDate } from '../calendar/dates.ts';
import { cumulativeBounds, quote, textArray, weightedPick } from './sql-text.ts';

/**
 * The plan of a synthetic history, as one temporary table with a row per enquiry: where and when it
 * arrived, where it came from, and the instants of every step of its path through the pipeline.
 * Everything after this (households, people, enquiries, stage events, bookings) is a plain
 * `INSERT … SELECT` from it. Rates and waits are the demo's (src/demo/history.ts).
 */

export const HISTORY_DAYS = 730;
/** A campaign starts every 13 weeks and runs for 6 of them, in every agency. */
export const CAMPAIGN_EVERY_DAYS = 91;
export const CAMPAIGN_DAYS = 42;
/** With more than one agency, the first is a regional hub holding this share of the enquiries. */
export const HUB_SHARE = 0.5;

/** Step k (1…5): the chance of moving on from the stage before, and the wait in days. */
export const steps = [
  { to: 'initial_visit', onward: 0.42, days: [7, 30] },
  { to: 'application', onward: 0.28, days: [20, 90] },
  { to: 'assessment', onward: 0.92, days: [7, 21] },
  { to: 'panel', onward: 0.68, days: [100, 160] },
  { to: 'approved', onward: 0.92, days: [7, 14] },
] as const;

/** Why households close, by the stage they close from (the index of `steps` they failed). */
const exitReasons: Record<number, Record<string, number>> = {
  0: { no_response: 45, AW1: 25, AW3: 15, AW4: 10, AW0: 5 },
  1: { not_suitable: 30, AW1: 25, AW3: 20, AW4: 15, AW0: 10 },
  2: { AW3: 60, AW2: 40 },
  3: { AW2: 30, AW3: 30, not_suitable: 20, AW5: 10, AW4: 10 },
  4: { not_recommended: 60, refused: 40 },
};
const leavingReasons = {
  retired: 62,
  standards_of_care: 20,
  ill_health: 8,
  moved: 5,
  transferred_out: 3,
  other: 2,
};
/** Of the households approved in the window, the share that has left again by now. */
const DEREGISTERED_SHARE = 0.12;
const TRANSFER_SHARE = 0.04;
/** In a campaign's weeks, the share of enquiries that give its code. */
const CAMPAIGN_CODE_SHARE = 0.35;

const seasonality = [1.3, 1.0, 1.0, 0.9, 1.4, 1.0, 0.8, 0.7, 1.2, 1.0, 0.9, 0.6]; // January first
const channels = { web_form: 45, phone: 30, email: 14, event: 5, social: 4, walk_in: 2 };

export interface PlanSettings {
  enquiries: number;
  agencies: number;
  /** The first day of the history (London); it ends yesterday. */
  start: IsoDate;
  now: Date;
}

/** Relative number of enquiries on each day: seasons, quiet weekends, busier campaign weeks. */
export function dayWeights(start: IsoDate) {
  return Array.from({ length: HISTORY_DAYS }, (_, d) => {
    const day = addDays(start, d);
    const weekend = [0, 6].includes(dayOfWeek(day)) ? 0.5 : 1;
    const campaign = d % CAMPAIGN_EVERY_DAYS < CAMPAIGN_DAYS ? 1.4 : 1;
    return seasonality[Number(day.slice(5, 7)) - 1]! * weekend * campaign;
  });
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Campaign c starts on day c × 13 weeks: FOSTER-NOV24, FOSTER-FEB25, … */
export function campaignStarts(start: IsoDate) {
  const starts = [];
  for (let d = 0; d < HISTORY_DAYS; d += CAMPAIGN_EVERY_DAYS) {
    const day = addDays(start, d);
    starts.push({ day, code: `FOSTER-${months[Number(day.slice(5, 7)) - 1]}${day.slice(2, 4)}` });
  }
  return starts;
}

const transferOrNot = (p: number) =>
  `case when pg_temp.u(n, 5) < ${TRANSFER_SHARE} then ${Math.min(0.95, p + 0.3)} else ${p} end`;

/** Seconds waited before step k: the onward range, a shorter one before closing; transfers assess faster. */
function waitSeconds(k: number) {
  const [lo, hi] = steps[k - 1]!.days;
  const closingHi = Math.max(lo + 5, Math.floor(hi / 2));
  const days = `case when ${k === 4 ? `transfer` : 'false'} then pg_temp.int_between(n, ${20 + k}, 50, 80)
    when ${k} <= d then pg_temp.int_between(n, ${20 + k}, ${lo}, ${hi})
    else pg_temp.int_between(n, ${20 + k}, ${lo}, ${closingHi}) end`;
  return `(${days}) * 86400 + pg_temp.u(n, ${30 + k}) * 28800`;
}

export function planTableSql(s: PlanSettings) {
  const now = `${quote(s.now.toISOString())}::timestamptz`;
  const agency =
    s.agencies === 1
      ? '0'
      : `case when pg_temp.u(n, 1) < ${HUB_SHARE} then 0 else 1 + floor(pg_temp.u(n, 2) * ${s.agencies - 1})::int end`;
  // d: how many steps the household would take if time stood still (0 = closed at enquiry, 5 = approved).
  const onward = steps.map((step, i) => `pg_temp.u(n, ${11 + i}) < ${transferOrNot(step.onward)}`);
  const d = `case ${onward.map((o, i) => `when not (${o}) then ${i}`).join(' ')} else 5 end`;
  const closeReason = `case d ${Object.entries(exitReasons)
    .map(([i, w]) => `when ${i} then ${weightedPick('pg_temp.u(n, 40)', w)}`)
    .join(' ')} end`;
  const cumulative = (k: number) => Array.from({ length: k }, (_, i) => `s${i + 1}`).join(' + ');
  const lim = 'case when d < 5 then d + 1 when t6 is null then 5 else 6 end';
  const reached = [1, 2, 3, 4, 5, 6].map((k) => `(${k} <= ${lim} and coalesce(t${k} <= ${now}, false))::int`);

  // Each step ends in OFFSET 0 so that it is computed once per row: without it the planner would
  // flatten the steps and repeat every wait and instant inside each expression that uses it.
  return `create temp table bench_plan on commit drop as
with base as (
  select n, ${agency} as a,
         width_bucket(pg_temp.u(n, 3), ${cumulativeBounds(dayWeights(s.start))}) - 1 as day_idx,
         pg_temp.u(n, 5) < ${TRANSFER_SHARE} as transfer,
         ${d} as d
  from generate_series(1, ${s.enquiries}) n
  offset 0
), sourced as (
  select base.*,
         ((date ${quote(s.start)} + day_idx) + make_interval(secs => 28800 + pg_temp.u(n, 4) * 43200))
           at time zone 'Europe/London' as received_at,
         case when day_idx % ${CAMPAIGN_EVERY_DAYS} < ${CAMPAIGN_DAYS} and pg_temp.u(n, 6) < ${CAMPAIGN_CODE_SHARE}
              then (${textArray(campaignStarts(s.start).map((c) => c.code))})[day_idx / ${CAMPAIGN_EVERY_DAYS} + 1]
         end as campaign_code
  from base
  offset 0
), waits as (
  select sourced.*, ${[1, 2, 3, 4, 5].map((k) => `${waitSeconds(k)} as s${k}`).join(', ')},
         case when d = 5 and pg_temp.u(n, 41) < ${DEREGISTERED_SHARE}
              then pg_temp.int_between(n, 42, 60, 700) * 86400.0 end as s6
  from sourced
  offset 0
), timed as (
  select waits.*, ${[1, 2, 3, 4, 5, 6].map((k) => `received_at + make_interval(secs => ${cumulative(k)}) as t${k}`).join(', ')}
  from waits
  offset 0
)
select n, a, (select array_agg(pg_temp.id('agency', i) order by i) from generate_series(0, ${s.agencies - 1}) i)[a + 1] as agency_id,
       gen_random_uuid() as id, gen_random_uuid() as household_id,
       day_idx, received_at, transfer, campaign_code,
       case when campaign_code is not null then (case when pg_temp.u(n, 7) < 0.8 then 'web_form' else 'social' end)
            else ${weightedPick('pg_temp.u(n, 7)', channels)} end as channel,
       case when pg_temp.u(n, 8) < 0.8 then pg_temp.pick(n, 9, ${textArray(heardAboutCodes)}) end as heard_about,
       d, ${closeReason} as close_reason, ${weightedPick('pg_temp.u(n, 43)', leavingReasons)} as leaving_reason,
       t1, t2, t3, t4, t5, t6,
       1 + ${reached.join(' + ')} as e
from timed`;
}

/** The stage of a plan row's k-th event (0 = the enquiry itself), as SQL. */
export const stageOf = (k: string) =>
  `case when ${k} = 0 then 'enquiry' when ${k} = 6 then 'deregistered'
        when ${k} <= d then (${textArray(steps.map((x) => x.to))})[${k}] else 'closed' end`;

/** When a plan row's k-th event happened, as SQL. */
export const instantOf = (k: string) => `(array[received_at, t1, t2, t3, t4, t5, t6])[${k} + 1]`;
