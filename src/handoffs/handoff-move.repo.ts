import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';

/**
 * The tables that hang off one enquiry (by `enquiry_id`), off its people (`person_id`) or off its
 * household (`household_id`), each with an `agency_id` that moves with the household. Checked by
 * tests/handoffs/handoff-move.db.test.ts against the schema: a new table with `agency_id` and one of
 * these keys must be listed here (or in `staysWithTheHub`, with the reason).
 */
export const movedByEnquiry = [
  'stage_events',
  'contact_attempts',
  'notes',
  'visits',
  'panel_cases',
  'event_bookings',
  'exit_surveys',
  'temporary_approval_extensions',
  'tasks',
  'assessment_checks',
  'nurture_pool',
] as const;
export const movedByPerson = ['consents', 'equality_monitoring'] as const;
export const movedByHousehold = ['legal_holds', 'disposal_decisions', 'data_requests'] as const;

/** Tables with such a key that stay with the hub on purpose. */
export const staysWithTheHub: Record<string, string> = {
  audit_events: 'The hub’s own log of what its staff did; ids only, no personal data.',
};

/**
 * Moves every row of the household of `enquiryId` from the hub to the council, in the caller's
 * transaction: the household, its people, all of its enquiries at the hub, and every row hanging off
 * them (the lists above; messages by enquiry or person). Stage events change agency only (the
 * append-only trigger allows that, and nothing else, under `crm.handoff`), so they keep their dates.
 * Open tasks are closed (they were the hub's to-dos; the council's sweep makes its own), and an open
 * place in the hub's nurture pool ends as "moved on" (the gentle sequence is the hub's). Both
 * agencies' report days are marked for recomputation: every day the enquiries' figures appear on.
 * Returns the ids of the enquiries moved.
 */
export async function moveHousehold(tx: Db, enquiryId: string, hubId: string, councilId: string, now: Date) {
  const [household] = await rows<{ household_id: string }>(
    tx,
    sql`select household_id from enquiries where id = ${enquiryId} and agency_id = ${hubId} for update`,
  );
  if (!household) return [];
  const householdId = household.household_id;
  const moved = await rows<{ id: string }>(
    tx,
    sql`select id from enquiries where household_id = ${householdId} and agency_id = ${hubId} order by id for update`,
  );
  const ids = moved.map((m) => m.id);
  await markDays(tx, hubId, ids);

  await tx.execute(sql`update households set agency_id = ${councilId} where id = ${householdId}`);
  await tx.execute(sql`update people set agency_id = ${councilId} where household_id = ${householdId}`);
  await tx.execute(
    sql`update enquiries set agency_id = ${councilId}, hub_id = coalesce(hub_id, ${hubId}),
          assigned_officer_id = null, updated_at = ${now},
          handed_off_at = case when id = ${enquiryId} then ${now}::timestamptz else handed_off_at end
        where household_id = ${householdId} and agency_id = ${hubId}`,
  );
  for (const id of ids) {
    await tx.execute(sql`select set_config('crm.handoff', ${id}, true)`);
    for (const table of movedByEnquiry) {
      await tx.execute(
        sql`update ${sql.identifier(table)} set agency_id = ${councilId} where enquiry_id = ${id} and agency_id = ${hubId}`,
      );
    }
  }
  await tx.execute(sql`select set_config('crm.handoff', '', true)`);
  await tx.execute(
    sql`update tasks set done_at = ${now} where enquiry_id in ${inList(ids)} and done_at is null`,
  );
  const personIds = sql`(select id from people where household_id = ${householdId})`;
  for (const table of movedByPerson) {
    await tx.execute(
      sql`update ${sql.identifier(table)} set agency_id = ${councilId} where person_id in ${personIds} and agency_id = ${hubId}`,
    );
  }
  await tx.execute(
    sql`update messages set agency_id = ${councilId}
        where agency_id = ${hubId} and (enquiry_id in ${inList(ids)} or person_id in ${personIds})`,
  );
  for (const table of movedByHousehold) {
    await tx.execute(
      sql`update ${sql.identifier(table)} set agency_id = ${councilId} where household_id = ${householdId} and agency_id = ${hubId}`,
    );
  }
  await markDays(tx, councilId, ids);
  return ids;
}

const inList = (ids: string[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;

/**
 * Marks, for one agency, every Europe/London day the enquiries' figures appear on (received, each
 * stage event, each session attended), with the migrations' own functions (0006): the agency column
 * changing is not something the row triggers look at.
 */
async function markDays(tx: Db, agencyId: string, ids: string[]) {
  if (ids.length === 0) return;
  await tx.execute(
    sql`select mark_metric_day(${agencyId}::uuid, received_at), mark_enquiry_metric_days(${agencyId}::uuid, id)
        from enquiries where id in ${inList(ids)}`,
  );
}
