import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/db-type.ts';
import { rows } from '../db/rows.ts';
import type { IsoDate } from '../calendar/dates.ts';
import type { Stage } from '../pipeline/stages.ts';
import { retentionScheduleChanges, retentionSchedules, type ScheduleRule } from './retention.table.ts';
import type { RetentionSchedule } from './retention-rules.ts';

/** A list of ids as one `uuid[]` parameter: the same SQL for one household or ten thousand. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

const londonDay = (column: SQL) => sql`to_char((${column}) at time zone 'Europe/London', 'YYYY-MM-DD')`;

export interface EnquiryFactsRow {
  householdId: string;
  householdCreatedOn: IsoDate;
  anonymisedAt: string | null;
  stage: Stage | null;
  approved: boolean | null;
  reachedApplication: boolean | null;
  deregisteredOn: IsoDate | null;
  closedOn: IsoDate | null;
  lastContactOn: IsoDate | null;
}

/**
 * One row per enquiry of the households (or of every household of the agency when `householdIds`
 * is undefined), with the facts the retention rules need; a household without an enquiry gives one
 * row of nulls.
 *
 * "Last contact" is the latest moment the household and the service dealt with each other: the
 * enquiry received, any stage event (a closure included), any contact attempt (the service trying
 * to reach them counts: a "no answer" is still contact activity the record documents), a session
 * booking made, a session attended, an initial visit completed, and a withdrawal of consent by one
 * of its people through the unsubscribe link (consent given with the enquiry is dated by it already;
 * a consent row's own date is when it was typed, which for a migrated record is not contact). Emails the service sent on its own
 * (follow-ups, reminders, mailings) and staff notes do not count: they would keep a record alive
 * without the person ever being in touch. The model holds no inbound messages.
 */
export async function enquiryRetentionFacts(db: Db, agencyId: string, householdIds?: readonly string[]) {
  const only = householdIds ? sql`and household_id = any(${uuidArray(householdIds)})` : sql``;
  const onlyHouseholds = householdIds ? sql`and h.id = any(${uuidArray(householdIds)})` : sql``;
  // Set-based: one grouped pass over each table (hash joins), never a lookup per enquiry, so the
  // whole agency's list costs the same few scans at any size.
  return rows<EnquiryFactsRow>(
    db,
    sql`with e as (
          select id, household_id, stage, received_at from enquiries where agency_id = ${agencyId} ${only}),
        f as (
          select se.enquiry_id, bool_or(se.stage = 'approved') as approved,
                 bool_or(se.stage in ('application', 'assessment', 'panel', 'approved', 'deregistered')) as reached_application,
                 max(se.at) filter (where se.stage = 'deregistered') as deregistered_at,
                 max(se.at) filter (where se.stage = 'closed') as closed_at,
                 max(se.at) as last_event_at
          from stage_events se join e on e.id = se.enquiry_id group by se.enquiry_id),
        c as (
          select ca.enquiry_id, max(ca.at) as at from contact_attempts ca join e on e.id = ca.enquiry_id
          group by ca.enquiry_id),
        b as (
          select bk.enquiry_id, max(greatest(bk.booked_at, case when bk.attended then ev.starts_at end)) as at
          from event_bookings bk join e on e.id = bk.enquiry_id join events ev on ev.id = bk.event_id
          group by bk.enquiry_id),
        v as (
          select vi.enquiry_id, max(vi.scheduled_for) as at from visits vi join e on e.id = vi.enquiry_id
          where vi.status = 'completed' group by vi.enquiry_id),
        k as (
          select p.household_id, max(cn.recorded_at) as at from consents cn join people p on p.id = cn.person_id
          where cn.agency_id = ${agencyId} and cn.source = 'unsubscribe_link' group by p.household_id)
        select h.id as "householdId", ${londonDay(sql`h.created_at`)} as "householdCreatedOn",
          h.anonymised_at::text as "anonymisedAt",
          e.stage, f.approved, f.reached_application as "reachedApplication",
          ${londonDay(sql`f.deregistered_at`)} as "deregisteredOn",
          ${londonDay(sql`f.closed_at`)} as "closedOn",
          ${londonDay(sql`greatest(e.received_at, f.last_event_at, c.at, b.at, v.at, k.at)`)} as "lastContactOn"
        from households h
        left join e on e.household_id = h.id
        left join f on f.enquiry_id = e.id
        left join c on c.enquiry_id = e.id
        left join b on b.enquiry_id = e.id
        left join v on v.enquiry_id = e.id
        left join k on k.household_id = h.id
        where h.agency_id = ${agencyId} ${onlyHouseholds}`,
  );
}

export async function findSchedule(db: Db, agencyId: string) {
  const [row] = await db.select().from(retentionSchedules).where(eq(retentionSchedules.agencyId, agencyId));
  return row;
}

export async function saveSchedule(
  db: Db,
  agencyId: string,
  schedule: RetentionSchedule,
  userId: string | null,
  at: Date,
) {
  await db
    .insert(retentionSchedules)
    .values({ agencyId, ...schedule, updatedBy: userId, updatedAt: at })
    .onConflictDoUpdate({
      target: retentionSchedules.agencyId,
      set: { ...schedule, updatedBy: userId, updatedAt: at },
    });
}

export async function insertScheduleChange(
  db: Db,
  values: {
    agencyId: string;
    rule: ScheduleRule;
    fromYears: number;
    toYears: number;
    reason: string;
    changedBy: string | null;
    changedAt: Date;
  },
) {
  await db.insert(retentionScheduleChanges).values(values);
}

export async function scheduleChanges(db: Db, agencyId: string) {
  return rows<{
    rule: ScheduleRule;
    fromYears: number;
    toYears: number;
    reason: string;
    changedBy: string | null;
    changedAt: string;
  }>(
    db,
    sql`select c.rule, c.from_years as "fromYears", c.to_years as "toYears", c.reason,
          u.name as "changedBy", to_json(c.changed_at) #>> '{}' as "changedAt"
        from ${retentionScheduleChanges} c left join users u on u.id = c.changed_by
        where c.agency_id = ${agencyId}
        order by c.changed_at desc, c.id`,
  );
}
