import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';

/**
 * Test setup for hub counting (issue 17) while the hand-off service is built elsewhere: records a
 * hand-off row and, when accepted, moves every row of the household to the council in one
 * transaction, as the hand-off does (stage events keep their dates; the enquiry keeps its id,
 * received date, campaign and hub). Stage events are append-only, so the move sets the same
 * transaction-local switch erasure uses.
 */
export async function recordHandoff(
  db: Db,
  h: {
    enquiryId: string;
    hubId: string;
    councilId: string;
    status: 'offered' | 'accepted' | 'returned' | 'timed_out';
    offeredAt: string;
    decidedAt?: string;
  },
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into handoffs
        (enquiry_id, hub_id, council_id, status, return_reason, offered_at, due_at, decided_at)
      values (${h.enquiryId}, ${h.hubId}, ${h.councilId}, ${h.status},
              ${h.status === 'returned' ? 'Not in our area' : null}, ${h.offeredAt}::timestamptz,
              ${h.offeredAt}::timestamptz + interval '2 days', ${h.decidedAt ?? null}::timestamptz)`);
    if (h.status !== 'accepted') return;
    await tx.execute(sql`select set_config('crm.erasure', 'on', true)`);
    const [enquiry] = await rows<{ household_id: string }>(
      tx,
      sql`select household_id from enquiries where id = ${h.enquiryId}`,
    );
    const tables = await rows<{ table_name: string; key: string }>(
      tx,
      sql`select c.table_name, k.column_name as key
          from information_schema.columns c
            join information_schema.columns k on k.table_name = c.table_name and k.table_schema = c.table_schema
            join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
          where c.table_schema = 'public' and c.column_name = 'agency_id' and t.table_type = 'BASE TABLE'
            and k.column_name in ('enquiry_id', 'household_id')
            and c.table_name not in ('handoffs', 'audit_log', 'metric_counts', 'metric_dirty_days')`,
    );
    for (const t of tables) {
      const value = t.key === 'enquiry_id' ? h.enquiryId : enquiry!.household_id;
      await tx.execute(
        sql`update ${sql.identifier(t.table_name)} set agency_id = ${h.councilId}
            where ${sql.identifier(t.key)} = ${value}`,
      );
    }
    await tx.execute(
      sql`update households set agency_id = ${h.councilId} where id = ${enquiry!.household_id}`,
    );
    await tx.execute(sql`update enquiries set agency_id = ${h.councilId}, handed_off_at = ${h.decidedAt!}::timestamptz
        where id = ${h.enquiryId}`);
  });
}
