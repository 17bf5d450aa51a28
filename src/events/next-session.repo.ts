import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';
import { events } from './events.table.ts';

/**
 * When the agency's next information session starts (the first not cancelled, starting at or after
 * `now`), or undefined: what bookableSessions(db, agencyId, now, 1) would list first, as one
 * prepared statement (db/prepared.ts), for the welcome email of every new enquiry.
 */
export async function nextSessionStart(db: Db, agencyId: string, now: Date): Promise<Date | undefined> {
  const [next] = await prepared(db, 'next_session_start', nextSession).execute({
    agencyId,
    now: now.toISOString(),
  });
  return next?.startsAt ?? undefined;
}

const nextSession = (db: Db) =>
  db
    .select({ startsAt: events.startsAt })
    .from(events)
    .where(
      and(
        eq(events.agencyId, sql.placeholder('agencyId')),
        eq(events.kind, 'information_session'),
        sql`${events.startsAt} >= ${sql.placeholder('now')}::timestamptz`,
        isNull(events.cancelledAt),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(1)
    .prepare('next_session_start');
