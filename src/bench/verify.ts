import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';

/**
 * Checks a generated history keeps the pipeline's rules, so the benchmarks run on data the app
 * itself could have written: each event follows the one before (from_stage), later in time, never
 * in the future, previous_at its time; the first is the enquiry; the enquiry row matches its last
 * event and event count.
 */
export async function historyProblems(db: Db, agencyIds: string[]) {
  const agencies = sql.join(
    agencyIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const [events] = await rows<{ problems: number }>(
    db,
    sql`select count(*)::int as problems from (
          select stage, from_stage, at, lag(stage) over w as previous_stage, lag(at) over w as previous_at,
                 row_number() over w as position, stage_events.previous_at as stored_previous_at
          from stage_events where agency_id in (${agencies})
          window w as (partition by enquiry_id order by at, id)
        ) e
        where at > now()
           or (position = 1 and (stage <> 'enquiry' or from_stage is not null))
           or (position > 1 and (from_stage is distinct from previous_stage or at <= previous_at))
           or stored_previous_at is distinct from previous_at`,
  );
  const [enquiries] = await rows<{ problems: number }>(
    db,
    sql`select count(*)::int as problems
        from enquiries q
        join (
          select distinct on (enquiry_id) enquiry_id, stage, at, count(*) over (partition by enquiry_id) as n
          from stage_events where agency_id in (${agencies})
          order by enquiry_id, at desc, id desc
        ) last on last.enquiry_id = q.id
        where q.stage <> last.stage or q.stage_since <> last.at or q.version <> last.n`,
  );
  return events!.problems + enquiries!.problems;
}
