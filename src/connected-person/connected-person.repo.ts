import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enquiries } from '../enquiries/enquiries.table.ts';
import type { Route } from '../enquiries/enquiry-options.ts';
import { users } from '../users/users.table.ts';
import { temporaryApprovalExtensions } from './temporary-approval.table.ts';

/** An enquiry's route, placement date and stage, locked until the transaction ends. */
export async function lockRouteFacts(tx: Db, agencyId: string, enquiryId: string) {
  const [row] = await tx
    .select({
      id: enquiries.id,
      route: enquiries.route,
      placedOn: enquiries.placedOn,
      stage: enquiries.stage,
    })
    .from(enquiries)
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, enquiryId)))
    .for('update');
  return row;
}

export async function updateRoute(
  tx: Db,
  agencyId: string,
  enquiryId: string,
  values: { route: Route; placedOn: string | null },
) {
  await tx
    .update(enquiries)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(enquiries.agencyId, agencyId), eq(enquiries.id, enquiryId)));
}

/** The extension of an enquiry's temporary approval, with the name of the user who agreed it if any. */
export async function findExtension(db: Db, agencyId: string, enquiryId: string) {
  const [row] = await db
    .select({
      weeks: temporaryApprovalExtensions.weeks,
      agreedOn: temporaryApprovalExtensions.agreedOn,
      agreedBy: temporaryApprovalExtensions.agreedBy,
      agreedByUserId: temporaryApprovalExtensions.agreedByUserId,
      reason: temporaryApprovalExtensions.reason,
      recordedAt: temporaryApprovalExtensions.createdAt,
    })
    .from(temporaryApprovalExtensions)
    .where(
      and(
        eq(temporaryApprovalExtensions.agencyId, agencyId),
        eq(temporaryApprovalExtensions.enquiryId, enquiryId),
      ),
    );
  return row;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** Inserts the extension; false when the enquiry already has one (the unique index decided). */
export async function insertExtension(tx: Db, values: typeof temporaryApprovalExtensions.$inferInsert) {
  const inserted = await tx
    .insert(temporaryApprovalExtensions)
    .values(values)
    .onConflictDoNothing({ target: temporaryApprovalExtensions.enquiryId })
    .returning({ id: temporaryApprovalExtensions.id })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) return [];
      throw err;
    });
  return inserted.length === 1;
}

/** A user's name, if they belong to the agency. */
export async function userName(db: Db, agencyId: string, userId: string) {
  const [row] = await db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.agencyId, agencyId), eq(users.id, userId)));
  return row?.name;
}
