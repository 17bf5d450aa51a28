import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { agencies } from '../agencies/agencies.table.ts';
import type { IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import { memoRead } from '../shared/request-memo.ts';
import { users } from '../users/users.table.ts';
import { approvalSettingChanges } from './approval-settings.table.ts';

/** Every recorded change of a service's dated approval settings, oldest first, with who made it. */
export async function settingChangesOf(db: Db, agencyId: string) {
  return memoRead(db, `settingChangesOf ${agencyId}`, () =>
    db
      .select({
        id: approvalSettingChanges.id,
        setting: approvalSettingChanges.setting,
        value: approvalSettingChanges.value,
        previousValue: approvalSettingChanges.previousValue,
        effectiveFrom: approvalSettingChanges.effectiveFrom,
        reason: approvalSettingChanges.reason,
        recordedAt: approvalSettingChanges.recordedAt,
        recordedBy: sql<string>`coalesce(${users.name}, 'system')`,
      })
      .from(approvalSettingChanges)
      .leftJoin(users, eq(users.id, approvalSettingChanges.recordedBy))
      .where(eq(approvalSettingChanges.agencyId, agencyId))
      .orderBy(asc(approvalSettingChanges.effectiveFrom), asc(approvalSettingChanges.recordedAt)),
  );
}

export async function insertSettingChange(db: Db, values: typeof approvalSettingChanges.$inferInsert) {
  const [row] = await db.insert(approvalSettingChanges).values(values).returning();
  return row!;
}

/** Locks the agency's row so that two changes of its settings are checked and written one at a time. */
export async function lockAgencySettings(db: Db, agencyId: string) {
  await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId)).for('update');
}

/** Each household's application: the latest stage event into `application` (a reopened household's new one). */
export async function applicationsOf(db: Db, agencyId: string, enquiryIds: readonly string[]) {
  if (enquiryIds.length === 0) return [];
  return db
    .select({
      enquiryId: stageEvents.enquiryId,
      // Epoch milliseconds: the two drivers parse raw timestamps differently.
      at: sql<number>`(extract(epoch from max(${stageEvents.at})) * 1000)::float8`.mapWith(Number),
    })
    .from(stageEvents)
    .where(
      and(
        eq(stageEvents.agencyId, agencyId),
        inArray(stageEvents.enquiryId, [...enquiryIds]),
        eq(stageEvents.stage, 'application'),
      ),
    )
    .groupBy(stageEvents.enquiryId);
}

/**
 * Households whose current application (the latest move to `application`) was received on a London
 * date in [from, until), and that since then have moved into one of `stages`, or closed for one of
 * `closeReasons`: those for which a setting dated in that period would change a step already taken.
 * Returns each one's application date; `until` null means no end.
 */
export async function applicationsPastStep(
  db: Db,
  agencyId: string,
  period: { from: IsoDate; until: IsoDate | null },
  step: { stages: readonly string[]; closeReasons: readonly string[] },
) {
  const stages = sql.join(
    step.stages.map((s) => sql`${s}`),
    sql`, `,
  );
  const reasons = sql.join(
    step.closeReasons.map((r) => sql`${r}`),
    sql`, `,
  );
  return rows<{ enquiryId: string; applicationOn: string }>(
    db,
    sql`with applications as (
      select enquiry_id, max(at) as at from stage_events
      where agency_id = ${agencyId} and stage = 'application'
      group by enquiry_id
    )
    select a.enquiry_id as "enquiryId",
           to_char(a.at at time zone 'Europe/London', 'YYYY-MM-DD') as "applicationOn"
    from applications a
    where (a.at at time zone 'Europe/London')::date >= ${period.from}::date
      and (${period.until}::date is null or (a.at at time zone 'Europe/London')::date < ${period.until}::date)
      and exists (
        select 1 from stage_events e
        where e.enquiry_id = a.enquiry_id and e.at >= a.at
          and (e.stage in (${stages}) or (e.stage = 'closed' and e.reason in (${reasons})))
      )
    order by 2`,
  );
}
