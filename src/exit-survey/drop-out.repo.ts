import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';

export interface DropOutCell {
  stage: string;
  campaignCode: string | null;
  campaignName: string | null;
  code: string;
  /** Their choice on the survey, when they answered with one. */
  choice: string | null;
  answered: boolean;
  n: number;
}

/**
 * The households counted by the drop-out report (docs/domain.md, "The applicant's own reason"),
 * by the stage they left from, campaign, reason in force, choice and whether they answered — a
 * small cube grouped in SQL. Each household counts once, at its last closing in [from, before);
 * the reason in force is the officer's accepted code from the answer, else the reason recorded
 * at closing; only `reasons` and households on `routes.counted` are counted, and a campaign is
 * credited only for routes in `routes.attributed` (family and friends households never are).
 */
export async function dropOutCells(
  db: Db,
  agencyId: string,
  window: { from: Date; before: Date },
  reasons: readonly string[],
  routes: { counted: readonly string[]; attributed: readonly string[] },
) {
  const campaignOf = (column: SQL) =>
    sql`case when e.route in (${list(routes.attributed)}) then ${column} end`;
  return rows<DropOutCell>(
    db,
    sql`with ${closings(agencyId, window)}
        select c.from_stage as stage, ${campaignOf(sql`coalesce(cp.code, e.campaign_code)`)} as "campaignCode",
               ${campaignOf(sql`cp.name`)} as "campaignName",
               coalesce(s.accepted_code, c.reason) as code,
               case when s.answered_at is not null then s.choice end as choice,
               (s.answered_at is not null) as answered, count(*)::int as n
          from closings c
          join enquiries e on e.id = c.enquiry_id
          left join campaigns cp on cp.agency_id = e.agency_id and upper(cp.code) = upper(e.campaign_code)
          left join exit_surveys s on s.close_event_id = c.id
         where coalesce(s.accepted_code, c.reason) in (${list(reasons)})
           and e.route in (${list(routes.counted)})
         group by 1, 2, 3, 4, 5, 6`,
  );
}

export interface OwnWordsRow {
  stage: string;
  campaignCode: string | null;
  choice: string | null;
  ownWords: string;
  answeredAt: string;
}

/** What the counted households wrote in their own words, oldest answer first (managers only). */
export async function dropOutOwnWords(
  db: Db,
  agencyId: string,
  window: { from: Date; before: Date },
  reasons: readonly string[],
  routes: { counted: readonly string[]; attributed: readonly string[] },
) {
  return rows<OwnWordsRow>(
    db,
    sql`with ${closings(agencyId, window)}
        select c.from_stage as stage,
               case when e.route in (${list(routes.attributed)}) then e.campaign_code end as "campaignCode",
               s.choice, s.own_words as "ownWords",
               to_char(s.answered_at at time zone 'Europe/London', 'YYYY-MM-DD') as "answeredAt"
          from closings c
          join enquiries e on e.id = c.enquiry_id
          join exit_surveys s on s.close_event_id = c.id
         where s.answered_at is not null and s.own_words is not null
           and coalesce(s.accepted_code, c.reason) in (${list(reasons)})
           and e.route in (${list(routes.counted)})
         order by s.answered_at, s.id`,
  );
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Each household's last closing in the window (a household that reopened and closed again counts once). */
const closings = (agencyId: string, window: { from: Date; before: Date }) =>
  sql`closings as (
        select distinct on (se.enquiry_id) se.id, se.enquiry_id, se.from_stage, se.reason
          from stage_events se
         where se.agency_id = ${agencyId} and se.stage = 'closed'
           and se.at >= ${window.from.toISOString()}::timestamptz and se.at < ${window.before.toISOString()}::timestamptz
         order by se.enquiry_id, se.at desc, se.id desc)`;
