import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import type { IsoDate } from '../calendar/dates.ts';

export interface TurnaroundCount {
  /** The check type's id (by type) or the referee kind (by kind). */
  group: string;
  days: number;
  n: number;
}

/**
 * Received items whose receipt date is in [from, to], as a histogram of whole calendar days from
 * request to receipt, by check type. Items with no request date are left out (no turnaround).
 */
export async function turnaroundByType(db: Db, agencyId: string, from: IsoDate, to: IsoDate) {
  const found = await rows<{ group: string; days: number | string; n: number | string }>(
    db,
    sql`select c.check_type_id::text as "group", (c.received_on - c.requested_on) as days, count(*) as n
          from assessment_checks c
         where c.agency_id = ${agencyId} and c.requested_on is not null and c.received_on is not null
           and c.received_on between ${from}::date and ${to}::date
         group by 1, 2`,
  );
  return found.map((r) => ({ group: r.group, days: Number(r.days), n: Number(r.n) }));
}

/** As turnaroundByType, for references, by the kind of referee. */
export async function turnaroundByRefereeKind(db: Db, agencyId: string, from: IsoDate, to: IsoDate) {
  const found = await rows<{ group: string; days: number | string; n: number | string }>(
    db,
    sql`select c.referee_kind as "group", (c.received_on - c.requested_on) as days, count(*) as n
          from assessment_checks c
         where c.agency_id = ${agencyId} and c.referee_kind is not null
           and c.requested_on is not null and c.received_on is not null
           and c.received_on between ${from}::date and ${to}::date
         group by 1, 2`,
  );
  return found.map((r) => ({ group: r.group, days: Number(r.days), n: Number(r.n) }));
}

export interface WaitingCount {
  checkTypeId: string;
  /** Households with at least one item of the type asked for and not back. */
  waiting: number;
  /** Of those, households with such an item past its expected turnaround on `today`. */
  overdue: number;
}

/**
 * Households still being assessed (application, assessment, panel) waiting on each check type on
 * `today`: an item requested, not received, not marked not needed.
 */
export async function waitingByType(db: Db, agencyId: string, today: IsoDate) {
  const found = await rows<{ checkTypeId: string; waiting: number | string; overdue: number | string }>(
    db,
    sql`select c.check_type_id::text as "checkTypeId", count(distinct c.enquiry_id) as waiting,
               count(distinct c.enquiry_id) filter (
                 where c.requested_on + t.expected_turnaround_days < ${today}::date) as overdue
          from assessment_checks c
          join check_types t on t.id = c.check_type_id
          join enquiries e on e.id = c.enquiry_id
         where c.agency_id = ${agencyId} and e.stage in ('application', 'assessment', 'panel')
           and c.status in ('requested', 'chased') and c.received_on is null
           and (c.outcome is null or c.outcome <> 'not_needed')
         group by 1`,
  );
  return found.map((r) => ({
    checkTypeId: r.checkTypeId,
    waiting: Number(r.waiting),
    overdue: Number(r.overdue),
  }));
}

/** The service's check types (all, active or not: history names inactive ones too). */
export async function checkTypesForReport(db: Db, agencyId: string) {
  const found = await rows<{
    id: string;
    key: string;
    label: string;
    stage: number;
    refereeKind: string | null;
    expectedTurnaroundDays: number;
    active: boolean;
  }>(
    db,
    sql`select id::text, key, label, stage, referee_kind as "refereeKind",
               expected_turnaround_days as "expectedTurnaroundDays", active
          from check_types where agency_id = ${agencyId}
         order by stage, sort_order, label`,
  );
  return found.map((r) => ({
    ...r,
    stage: Number(r.stage),
    expectedTurnaroundDays: Number(r.expectedTurnaroundDays),
  }));
}

/**
 * The assessment split into its stages, for households that reached panel, or completed stage 1,
 * in the period (docs/assessment.md "Stage 1 and stage 2"): the application day (the latest move
 * to application before panel), the day stage 1 completed (the last stage-1 item received or
 * marked not needed; null while any is outstanding or there are none), and the day of the move to
 * panel (null if not yet).
 */
export async function assessmentStageDates(db: Db, agencyId: string, from: IsoDate, to: IsoDate) {
  const found = await rows<{
    enquiryId: string;
    appliedOn: string;
    stageOneOn: string | null;
    panelOn: string | null;
    hasChecks: boolean;
  }>(
    db,
    sql`with stage_one as (
          select c.enquiry_id,
                 bool_and(c.received_on is not null or c.outcome = 'not_needed') as complete,
                 max(coalesce(c.received_on, (c.outcome_at at time zone 'Europe/London')::date)) as done_on
            from assessment_checks c join check_types t on t.id = c.check_type_id
           where c.agency_id = ${agencyId} and t.stage = 1
           group by c.enquiry_id
        ), moves as (
          select se.enquiry_id,
                 max((se.at at time zone 'Europe/London')::date) filter (where se.stage = 'application') as applied_on,
                 max((se.at at time zone 'Europe/London')::date) filter (where se.stage = 'panel') as panel_on
            from stage_events se where se.agency_id = ${agencyId}
           group by se.enquiry_id
        )
        select m.enquiry_id::text as "enquiryId", m.applied_on::text as "appliedOn",
               case when s.complete then s.done_on::text end as "stageOneOn", m.panel_on::text as "panelOn",
               s.enquiry_id is not null as "hasChecks"
          from moves m left join stage_one s on s.enquiry_id = m.enquiry_id
         where m.applied_on is not null
           and ((s.complete and s.done_on between ${from}::date and ${to}::date)
                or m.panel_on between ${from}::date and ${to}::date)`,
  );
  return found;
}
