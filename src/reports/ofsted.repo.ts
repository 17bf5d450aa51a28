import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { countScope, scopeCouncil, scopeEnquiries, scopeRows } from '../metrics/count-scope.repo.ts';
import { agencyOf, councilIdOf, type ReportScope } from './report-scope.ts';
import type { Routes } from './reports.repo.ts';

/**
 * The Ofsted return's figures that follow one household across events (a withdrawal and the panel
 * that did or did not consider it; an approval and a deregistration), which the day-by-day roll-ups
 * cannot join up. Counted from the events directly: small grouped reads over one agency's year.
 */

const london = (column: SQL) => sql`((${column}) at time zone 'Europe/London')::date`;

/**
 * Applications withdrawn by the household (AW codes) in the period, by code, counting only those
 * withdrawn before the panel considered them: closed from application or assessment, or from panel
 * when no panel meeting held on or before the day they closed (and after their latest application)
 * has a recommendation recorded for them. A recommendation is the record that a panel considered a
 * household (src/panels/panel-cases.service.ts). The code counted is the reason in force: the one the
 * officer accepted from the applicant's own answer (src/exit-survey/), if they did, else the reason
 * recorded at closing — as the drop-out report counts it.
 */
export async function withdrawalsBeforePanel(
  db: Db,
  scope: ReportScope,
  from: IsoDate,
  to: IsoDate,
  routes: Routes,
  codes: readonly string[],
) {
  const s = await countScope(db, agencyOf(scope));
  return rows<{ reason: string; n: number }>(
    db,
    sql`select coalesce(s.accepted_code, e.reason) as reason, count(*)::int as n
        from stage_events e
          join enquiries q on q.id = e.enquiry_id and ${scopeEnquiries(s)}
            and ${scopeCouncil(s, councilIdOf(scope))}
          left join exit_surveys s on s.close_event_id = e.id and ${scopeRows(s, sql`s.agency_id`)}
        where ${scopeRows(s, sql`e.agency_id`)} and e.stage = 'closed'
          and e.from_stage in ('application', 'assessment', 'panel')
          and coalesce(s.accepted_code, e.reason) in ${[...codes]} and q.route in ${[...routes]}
          and ${london(sql`e.at`)} between ${from} and ${to}
          and not exists (
            select 1 from panel_cases pc join panels p on p.id = pc.panel_id
            where pc.enquiry_id = e.enquiry_id and ${scopeRows(s, sql`pc.agency_id`)}
              and pc.recommendation is not null
              and p.meets_on <= ${london(sql`e.at`)}
              and p.meets_on >= coalesce((
                select ${london(sql`a.at`)} from stage_events a
                where a.enquiry_id = e.enquiry_id and a.stage = 'application' and (a.at, a.id) < (e.at, e.id)
                order by a.at desc, a.id desc limit 1
              ), '2000-01-01'::date)
          )
        group by 1`,
  );
}

/**
 * Households approved in the period other than transfers in (the return's "approvals"), and how
 * many of them were deregistered on or before `to`: approved and deregistered in the same year.
 */
export async function approvalsStillApproved(
  db: Db,
  scope: ReportScope,
  from: IsoDate,
  to: IsoDate,
  routes: Routes,
) {
  const s = await countScope(db, agencyOf(scope));
  const [row] = await rows<{ approved: number; deregistered: number }>(
    db,
    sql`select count(*)::int as approved,
               count(*) filter (where exists (
                 select 1 from stage_events d
                 where d.enquiry_id = a.enquiry_id and d.stage = 'deregistered'
                   and (d.at, d.id) > (a.at, a.id) and ${london(sql`d.at`)} <= ${to}
               ))::int as deregistered
        from stage_events a
          join enquiries q on q.id = a.enquiry_id and ${scopeEnquiries(s)}
            and ${scopeCouncil(s, councilIdOf(scope))}
        where ${scopeRows(s, sql`a.agency_id`)} and a.stage = 'approved'
          and q.route in ${[...routes]} and q.route <> 'transfer'
          and ${london(sql`a.at`)} between ${from} and ${to}`,
  );
  return row ?? { approved: 0, deregistered: 0 };
}
