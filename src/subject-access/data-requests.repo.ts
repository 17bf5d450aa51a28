import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { households } from '../households/households.table.ts';
import { users } from '../users/users.table.ts';
import { dataRequests, type DataRequestStatus } from './data-requests.table.ts';

export type DataRequest = typeof dataRequests.$inferSelect;

export async function insertDataRequest(db: Db, row: typeof dataRequests.$inferInsert) {
  const [request] = await db.insert(dataRequests).values(row).returning();
  return request!;
}

export async function findDataRequest(db: Db, agencyId: string, id: string) {
  const [request] = await db
    .select()
    .from(dataRequests)
    .where(and(eq(dataRequests.agencyId, agencyId), eq(dataRequests.id, id)));
  return request;
}

const listColumns = {
  request: dataRequests,
  handlerName: users.name,
  postcode: households.postcode,
};

/** Open requests, soonest due first; then the last `closedLimit` closed ones, latest first. */
export async function listDataRequests(db: Db, agencyId: string, closedLimit = 50) {
  const open = await db
    .select(listColumns)
    .from(dataRequests)
    .leftJoin(users, eq(users.id, dataRequests.handlerId))
    .leftJoin(households, eq(households.id, dataRequests.householdId))
    .where(and(eq(dataRequests.agencyId, agencyId), eq(dataRequests.status, 'open')))
    .orderBy(asc(dataRequests.dueOn), asc(dataRequests.createdAt));
  const closed = await db
    .select(listColumns)
    .from(dataRequests)
    .leftJoin(users, eq(users.id, dataRequests.handlerId))
    .leftJoin(households, eq(households.id, dataRequests.householdId))
    .where(and(eq(dataRequests.agencyId, agencyId), ne(dataRequests.status, 'open')))
    .orderBy(desc(dataRequests.closedOn), desc(dataRequests.createdAt))
    .limit(closedLimit);
  return { open, closed };
}

/**
 * Closes an open request and clears the requester's details, which are kept only while the request
 * is open (data minimisation): the closed request keeps its kind, dates, status and note, which is
 * what accountability needs. Undefined when it was not open (closed already, or another agency's).
 */
export async function closeDataRequest(
  db: Db,
  agencyId: string,
  id: string,
  values: { status: Exclude<DataRequestStatus, 'open'>; closedOn: string; outcome: string | null },
) {
  const [closed] = await db
    .update(dataRequests)
    .set({ ...values, requester: {} })
    .where(and(eq(dataRequests.agencyId, agencyId), eq(dataRequests.id, id), eq(dataRequests.status, 'open')))
    .returning();
  return closed;
}

/** Clears the requester's details and sets the (redacted) note of one request. */
export async function scrubDataRequest(db: Db, agencyId: string, id: string, outcome: string | null) {
  await db
    .update(dataRequests)
    .set({ requester: {}, outcome })
    .where(and(eq(dataRequests.agencyId, agencyId), eq(dataRequests.id, id)));
}
