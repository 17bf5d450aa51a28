import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { addMonths, daysBetween, londonDate } from '../../src/calendar/dates.ts';

/**
 * An independent recount of every roll-up, in plain TypeScript from the raw rows, to check the SQL
 * against. It shares nothing with metrics.repo.ts but the meaning of each measure.
 */

type Key = {
  measure: string;
  day: string;
  stage?: string;
  fromStage?: string;
  reason?: string;
  route?: string;
  channel?: string;
  heardAbout?: string;
  campaignCode?: string;
  days?: number;
};

const keyOf = (k: Key) =>
  [
    k.measure,
    k.day,
    k.stage ?? '',
    k.fromStage ?? '',
    k.reason ?? '',
    k.route ?? '',
    k.channel ?? '',
    k.heardAbout ?? '',
    k.campaignCode ?? '',
    k.days ?? 0,
  ].join('|');

interface RawEnquiry {
  id: string;
  household_id: string;
  received_ms: number;
  route: string;
  channel: string;
  heard_about: string | null;
  campaign_code: string | null;
}
interface RawEvent {
  id: number;
  enquiry_id: string;
  from_stage: string | null;
  stage: string;
  reason: string | null;
  at_ms: number;
}
interface RawAttendance {
  enquiry_id: string;
  starts_ms: number | null;
  kind: string;
  cancelled: boolean;
  attended: boolean | null;
}

const day = (ms: number) => londonDate(new Date(ms));

export async function recount(db: Db, agencyId: string): Promise<Map<string, number>> {
  const enquiries = await rows<RawEnquiry>(
    db,
    sql`select id, household_id, (extract(epoch from received_at) * 1000)::float8 as received_ms, route, channel,
               heard_about, campaign_code from enquiries where agency_id = ${agencyId}`,
  );
  const events = await rows<RawEvent>(
    db,
    sql`select id::int as id, enquiry_id, from_stage, stage, reason, (extract(epoch from at) * 1000)::float8 as at_ms
        from stage_events where agency_id = ${agencyId}`,
  );
  const attendance = await rows<RawAttendance>(
    db,
    sql`select b.enquiry_id, (extract(epoch from e.starts_at) * 1000)::float8 as starts_ms, e.kind,
               e.cancelled_at is not null as cancelled, b.attended
        from event_bookings b join events e on e.id = b.event_id where b.agency_id = ${agencyId}`,
  );

  const counts = new Map<string, number>();
  const add = (k: Key) => counts.set(keyOf(k), (counts.get(keyOf(k)) ?? 0) + 1);
  const byId = new Map(enquiries.map((e) => [e.id, e]));

  for (const q of enquiries) {
    add({ measure: 'enquiries', day: day(q.received_ms), route: q.route });
    add({
      measure: 'enquiry_sources',
      day: day(q.received_ms),
      route: q.route,
      channel: q.channel,
      heardAbout: q.heard_about ?? '',
      campaignCode: (q.campaign_code ?? '').toUpperCase(),
    });
  }

  const history = new Map<string, RawEvent[]>();
  for (const e of events) history.set(e.enquiry_id, [...(history.get(e.enquiry_id) ?? []), e]);
  for (const [enquiryId, list] of history) {
    const q = byId.get(enquiryId)!;
    list.sort((a, b) => a.at_ms - b.at_ms || a.id - b.id);
    for (const stage of new Set(list.map((e) => e.stage))) {
      add({ measure: 'cohort_reached', day: day(q.received_ms), stage, route: q.route });
    }
    list.forEach((e, i) => {
      const d = day(e.at_ms);
      add({
        measure: 'moves',
        day: d,
        stage: e.stage,
        fromStage: e.from_stage ?? '',
        reason: e.reason ?? '',
        route: q.route,
      });
      if (e.stage === 'application' || e.stage === 'approved') {
        add({
          measure: 'attributed_moves',
          day: d,
          stage: e.stage,
          route: q.route,
          heardAbout: q.heard_about ?? '',
          campaignCode: (q.campaign_code ?? '').toUpperCase(),
        });
      }
      if (i > 0 && e.from_stage) {
        add({
          measure: 'time_in_stage',
          day: d,
          stage: e.stage,
          fromStage: e.from_stage,
          days: daysBetween(day(list[i - 1]!.at_ms), d),
        });
      }
      if (e.stage === 'approved') {
        const application = list.slice(0, i).findLast((p) => p.stage === 'application');
        if (application) {
          const applied = day(application.at_ms);
          add({
            measure: 'application_to_approval',
            day: d,
            reason: d <= addMonths(applied, 8) ? 'within_8_months' : 'over_8_months',
            route: q.route,
            days: daysBetween(applied, d),
          });
        }
      }
    });
  }

  // Once per household, route and month: the committee table counts sessions by route too.
  const firstSessionDay = new Map<string, { day: string; route: string }>();
  for (const a of attendance) {
    if (!a.attended || a.kind !== 'information_session' || a.starts_ms === null || a.cancelled) continue;
    const d = day(a.starts_ms);
    const q = byId.get(a.enquiry_id)!;
    const key = `${q.household_id}|${q.route}|${d.slice(0, 7)}`;
    const seen = firstSessionDay.get(key);
    if (!seen || d < seen.day) firstSessionDay.set(key, { day: d, route: q.route });
  }
  for (const s of firstSessionDay.values())
    add({ measure: 'session_households', day: s.day, route: s.route });
  return counts;
}

/** The roll-up table as the same kind of map. */
export async function rolledUp(db: Db, agencyId: string): Promise<Map<string, number>> {
  const found = await rows<{
    measure: string;
    day: string;
    stage: string;
    from_stage: string;
    reason: string;
    route: string;
    channel: string;
    heard_about: string;
    campaign_code: string;
    days: number;
    n: number;
  }>(
    db,
    sql`select measure, day::text as day, stage, from_stage, reason, route, channel, heard_about, campaign_code, days, n
             from metric_counts where agency_id = ${agencyId}`,
  );
  return new Map(
    found.map((r) => [
      keyOf({
        measure: r.measure,
        day: r.day,
        stage: r.stage,
        fromStage: r.from_stage,
        reason: r.reason,
        route: r.route,
        channel: r.channel,
        heardAbout: r.heard_about,
        campaignCode: r.campaign_code,
        days: r.days,
      }),
      r.n,
    ]),
  );
}

/** Sorted [key, n] pairs, for readable diffs when a count is wrong. */
export const entries = (map: Map<string, number>) => [...map].sort(([a], [b]) => a.localeCompare(b));
