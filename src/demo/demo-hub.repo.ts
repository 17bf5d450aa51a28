import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
import { moveHousehold } from '../handoffs/handoff-move.repo.ts';
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
 * A demo household accepted by a council: the hand-off's own move (src/handoffs/handoff-move.repo.ts),
 * so every row of it changes agency in one transaction, as for real households.
 */
export async function moveDemoHousehold(db: Db, enquiryId: string, councilId: string, at: Date) {
  await db.transaction(async (tx) => {
    const [enquiry] = await rows<{ agency_id: string }>(
      tx,
      sql`select agency_id from enquiries where id = ${enquiryId}`,
    );
    if (enquiry) await moveHousehold(tx, enquiryId, enquiry.agency_id, councilId, at);
  });
}
