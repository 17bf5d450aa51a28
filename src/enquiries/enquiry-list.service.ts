import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { addDays, startOfLondonDay } from '../calendar/dates.ts';
import type { ListQueryInput } from './enquiries.schema.ts';
import { encodeCursor } from './list-cursor.ts';
import { countEnquiries, listEnquiries, type ListFilters } from './enquiries.repo.ts';

/** The households waiting longest at each stage: for the board and an officer's day. */
export { longestWaiting } from './enquiries.repo.ts';

export function toFilters(actor: Actor, query: ListQueryInput, now = new Date()): ListFilters {
  return {
    stage: query.stage,
    q: query.q,
    officerId: query.officer === 'me' ? (actor.userId ?? undefined) : query.officer,
    channel: query.channel,
    route: query.route,
    receivedFrom: query.from ? startOfLondonDay(query.from) : undefined,
    receivedBefore: query.to ? startOfLondonDay(addDays(query.to, 1)) : undefined,
    overdueFirstContact: query.overdue ? { now } : undefined,
    council: query.council,
    nurture: query.nurture,
  };
}

/** One page of the enquiry list, newest first, with the cursor for the next page. */
export async function listForActor(db: Db, actor: Actor, query: ListQueryInput) {
  const filters = toFilters(actor, query);
  const { items, hasMore } = await listEnquiries(db, actor.agencyId, filters, {
    limit: query.limit,
    after: query.cursor,
  });
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last ? encodeCursor(last) : null };
}

export const countForActor = (db: Db, actor: Actor, query: ListQueryInput) =>
  countEnquiries(db, actor.agencyId, toFilters(actor, query));
