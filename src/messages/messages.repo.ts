import { and, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { messages } from './messages.table.ts';

export type MessageRow = typeof messages.$inferSelect;

/** Inserts a message unless one with the same idempotency key exists; returns the new id or undefined. */
export async function insertMessageOnce(db: Db, values: typeof messages.$inferInsert) {
  const [row] = await db
    .insert(messages)
    .values(values)
    .onConflictDoNothing({ target: [messages.agencyId, messages.idempotencyKey] })
    .returning({ id: messages.id, createdAt: messages.createdAt });
  return row;
}

/**
 * Claims a due, queued message for sending: only one worker can win the update, which is what
 * stops a message going out twice when a job runs twice.
 */
export async function claimMessage(db: Db, id: string, now: Date) {
  const [row] = await db
    .update(messages)
    .set({ status: 'sending', claimedAt: now, attempts: sql`${messages.attempts} + 1` })
    .where(and(eq(messages.id, id), eq(messages.status, 'queued'), lte(messages.sendAfter, now)))
    .returning();
  return row;
}

export async function markMessage(
  db: Db,
  id: string,
  values: Pick<Partial<MessageRow>, 'status' | 'sentAt' | 'lastError' | 'providerMessageId'>,
) {
  await db.update(messages).set(values).where(eq(messages.id, id));
}

/** Queued messages now due: what the relay hands to the send job. Ids only. */
export async function dueMessageIds(db: Db, now: Date, limit = 500) {
  const found = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.status, 'queued'), lte(messages.sendAfter, now)))
    .orderBy(messages.sendAfter)
    .limit(limit);
  return found.map((r) => r.id);
}

/**
 * Messages claimed for sending before `claimedBefore` and never finished: their worker died mid-send.
 * They are marked failed, not queued again: the mail server may already have accepted the message
 * (the crash can fall between its "250 OK" and our update), and a resend could deliver it twice.
 * Returns how many. Ids only.
 */
export async function failInterruptedMessages(db: Db, claimedBefore: Date) {
  const found = await db
    .update(messages)
    .set({ status: 'failed', lastError: INTERRUPTED_WHILE_SENDING })
    .where(and(eq(messages.status, 'sending'), lt(messages.claimedAt, claimedBefore)))
    .returning({ id: messages.id });
  return found.length;
}

export const INTERRUPTED_WHILE_SENDING = 'Interrupted while sending; check the mail server before resending';

/** Stops queued messages whose idempotency key starts with `prefix` (e.g. a cancelled booking's reminders). */
export async function suppressQueued(db: Db, agencyId: string, prefix: string) {
  await db
    .update(messages)
    .set({ status: 'suppressed', lastError: 'No longer needed' })
    .where(
      and(
        eq(messages.agencyId, agencyId),
        eq(messages.status, 'queued'),
        sql`starts_with(${messages.idempotencyKey}, ${prefix})`,
      ),
    );
}

export async function recentMessages(db: Db, agencyId: string, limit = 100) {
  return db
    .select()
    .from(messages)
    .where(eq(messages.agencyId, agencyId))
    .orderBy(desc(messages.createdAt))
    .limit(limit);
}

export async function findMessage(db: Db, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.agencyId, agencyId), eq(messages.id, id)));
  return row;
}

export async function messagesOfEnquiry(db: Db, agencyId: string, enquiryId: string) {
  return db
    .select({
      id: messages.id,
      subject: messages.subject,
      status: messages.status,
      providerMessageId: messages.providerMessageId,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(and(eq(messages.agencyId, agencyId), eq(messages.enquiryId, enquiryId)))
    .orderBy(desc(messages.createdAt));
}

export async function messageIdsByKeys(db: Db, agencyId: string, keys: string[]) {
  if (keys.length === 0) return [];
  const found = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.agencyId, agencyId), inArray(messages.idempotencyKey, keys)));
  return found.map((r) => r.id);
}
