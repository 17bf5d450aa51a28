import { and, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rows } from '../db/rows.ts';
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
 * Claims up to `limit` due, queued messages for sending, oldest due first, in one statement. Rows
 * another worker is claiming are skipped, not waited for (SKIP LOCKED), and only one claim can move
 * a message from queued to sending: that is what stops a message going out twice.
 */
export async function claimDueMessages(db: Db, limit: number, now: Date): Promise<MessageRow[]> {
  // The due rows are picked once, in a materialised CTE: as `id in (select … limit n)` the planner
  // may run the sub-select more than once and claim more than n.
  const claimed = await rows<Record<string, unknown>>(
    db,
    sql`with due as materialized (
          select id from messages
          where status = 'queued' and send_after <= ${now.toISOString()}::timestamptz
          order by send_after limit ${limit}
          for update skip locked)
        update messages m set status = 'sending', claimed_at = ${now.toISOString()}::timestamptz,
               attempts = m.attempts + 1
        from due where m.id = due.id
        returning m.id`,
  );
  if (claimed.length === 0) return [];
  return db
    .select()
    .from(messages)
    .where(
      inArray(
        messages.id,
        claimed.map((r) => r.id as string),
      ),
    );
}

/** How one claimed message ended: sent, suppressed, failed, or queued again for a later retry. */
export interface MessageResult {
  id: string;
  status: Exclude<MessageRow['status'], 'sending'>;
  sentAt?: Date;
  providerMessageId?: string;
  lastError?: string;
  /** A retry's time (status 'queued'). */
  sendAfter?: Date;
}

/**
 * Records the results of a claimed batch in one statement. Only messages still "sending" change
 * (one the relay has meanwhile marked interrupted keeps that mark); an earlier error is kept when
 * the result brings none.
 */
export async function markResults(db: Db, results: MessageResult[]) {
  if (results.length === 0) return;
  const json = JSON.stringify(
    results.map((r) => ({
      id: r.id,
      status: r.status,
      sent_at: r.sentAt?.toISOString() ?? null,
      provider_message_id: r.providerMessageId ?? null,
      last_error: r.lastError ?? null,
      send_after: r.sendAfter?.toISOString() ?? null,
    })),
  );
  await db.execute(sql`update messages m
    set status = r.status, sent_at = coalesce(r.sent_at, m.sent_at),
        provider_message_id = coalesce(r.provider_message_id, m.provider_message_id),
        last_error = coalesce(r.last_error, m.last_error), send_after = coalesce(r.send_after, m.send_after)
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, status text, sent_at timestamptz,
         provider_message_id text, last_error text, send_after timestamptz)
    where m.id = r.id and m.status = 'sending'`);
}

/** When the next queued message falls due (a retry, a reminder), or null when none is waiting. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ at: messages.sendAfter })
    .from(messages)
    .where(eq(messages.status, 'queued'))
    .orderBy(messages.sendAfter)
    .limit(1);
  return row?.at ?? null;
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
