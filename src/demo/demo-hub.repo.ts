import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { handoffs, type HandoffStatus } from '../handoffs/handoffs.table.ts';

export async function insertDemoHandoff(
  db: Db,
  values: {
    enquiryId: string;
    hubId: string;
    councilId: string;
    status: HandoffStatus;
    note: string;
    returnReason?: string;
    offeredAt: Date;
    offeredBy: string;
    dueAt: Date;
    decidedAt?: Date;
  },
) {
  await db.insert(handoffs).values(values);
}

/**
 * A demo household accepted by a council: every row of it changes agency, in one transaction, and
 * the enquiry records when (the rows a demo enquiry has: household, people, enquiry, stage events,
 * consents, contacts and notes). The hand-off service does this for real households.
 */
export async function moveDemoHousehold(db: Db, enquiryId: string, councilId: string, at: Date) {
  await db.transaction(async (tx) => {
    // stage_events is append-only; the guard lets flagged, transaction-local changes through. Only
    // the owner changes here (dates and stages stay as they were). The hand-off service's own move
    // replaces this once it is on main.
    await tx.execute(sql`select set_config('crm.erasure', 'on', true)`);
    await tx.execute(sql`update households set agency_id = ${councilId}
      where id = (select household_id from enquiries where id = ${enquiryId})`);
    await tx.execute(sql`update people set agency_id = ${councilId}
      where household_id = (select household_id from enquiries where id = ${enquiryId})`);
    await tx.execute(sql`update consents set agency_id = ${councilId} where person_id in (
      select p.id from people p join enquiries e on e.household_id = p.household_id where e.id = ${enquiryId})`);
    for (const table of ['stage_events', 'contact_attempts', 'notes'])
      await tx.execute(
        sql`update ${sql.identifier(table)} set agency_id = ${councilId} where enquiry_id = ${enquiryId}`,
      );
    await tx.execute(
      sql`update enquiries set agency_id = ${councilId}, handed_off_at = ${at.toISOString()}::timestamptz where id = ${enquiryId}`,
    );
  });
}
