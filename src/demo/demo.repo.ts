import { sql } from 'drizzle-orm';
import { campaignCosts, campaigns, campaignUpdates } from '../campaigns/campaigns.table.ts';
import type { Db } from '../db/client.ts';
import { contactAttempts, notes } from '../enquiries/activity.table.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import { stageEvents } from '../pipeline/stage-events.table.ts';
import { eventBookings, events } from '../events/events.table.ts';
import { withIdentityKeys } from '../households/households.repo.ts';
import { households, people } from '../households/households.table.ts';
import { consents } from '../privacy/consents.table.ts';
import { equalityMonitoring } from '../privacy/equality.table.ts';
import type { DemoPlan } from './plan-types.ts';

const CHUNK = 500;

async function insertInChunks<T extends Record<string, unknown>>(
  db: Db,
  table: Parameters<Db['insert']>[0],
  rowsToInsert: T[],
) {
  for (let i = 0; i < rowsToInsert.length; i += CHUNK) {
    await db.insert(table).values(rowsToInsert.slice(i, i + CHUNK) as never);
  }
}

/** Writes a whole demo plan in one transaction, parents before children. */
export async function insertDemoPlan(db: Db, plan: DemoPlan) {
  await db.transaction(async (tx) => {
    await insertInChunks(tx, campaigns, plan.campaigns.campaigns);
    await insertInChunks(tx, campaignCosts, plan.campaigns.costs);
    await insertInChunks(tx, campaignUpdates, plan.campaigns.updates);
    await insertInChunks(tx, events, plan.sessions.events);
    await insertInChunks(tx, households, plan.households);
    await insertInChunks(tx, people, plan.people.map(withIdentityKeys));
    await insertInChunks(tx, enquiries, plan.enquiries);
    await insertInChunks(tx, stageEvents, plan.events);
    await insertInChunks(tx, contactAttempts, plan.contacts);
    await insertInChunks(tx, notes, plan.notes);
    await insertInChunks(tx, consents, plan.consents);
    await insertInChunks(tx, equalityMonitoring, plan.equality);
    await insertInChunks(tx, eventBookings, plan.sessions.bookings);
  });
}

export async function hasEnquiries(db: Db, agencyId: string) {
  const result = (await db.execute(
    sql`select exists (select 1 from enquiries where agency_id = ${agencyId}) as found`,
  )) as unknown as {
    rows: { found: boolean }[];
  };
  return result.rows[0]?.found === true;
}
