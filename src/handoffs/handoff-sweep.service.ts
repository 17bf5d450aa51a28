import { recordAudit } from '../audit/audit.service.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import type { Db } from '../db/client.ts';
import { systemActor } from '../shared/actor.ts';
import { dueDay, offerState, timesOutAt, type OfferState } from './handoff-clock.ts';
import { decideHandoff, overdueOffers } from './handoffs.repo.ts';
import { handoffList, handoffSide, type HandoffListItem } from './handoffs.service.ts';

/**
 * Marks timed out every open offer whose grace has run (handoff-clock.ts), each in its own
 * transaction with an audit row on both sides (ids only). Run by the daily deadline sweep; safe to
 * run twice or concurrently: an offer answered meanwhile is left alone. Returns how many it marked.
 */
export async function timeOutHandoffs(db: Db, now: Date): Promise<number> {
  const calendar = await calendarFor(db);
  let timedOut = 0;
  for (const offer of await overdueOffers(db, now)) {
    if (now < timesOutAt(offer.dueAt, calendar)) continue;
    const done = await db.transaction(async (tx) => {
      const row = await decideHandoff(tx, offer.id, { status: 'timed_out', decidedAt: now, decidedBy: null });
      if (!row) return false;
      for (const agencyId of [offer.hubId, offer.councilId]) {
        await recordAudit(tx, systemActor(agencyId, 'deadline sweep'), {
          action: 'handoff.timed_out',
          entityType: 'handoff',
          entityId: offer.id,
          changes: { enquiryId: { to: row.enquiryId } },
        });
      }
      return true;
    });
    if (done) timedOut += 1;
  }
  return timedOut;
}

export interface HandoffAtRisk {
  item: HandoffListItem;
  state: OfferState;
  dueOn: string;
  /** Where the agency acts on it: the hub's household page, or the council's list of offers. */
  href: string;
}

/**
 * The open offers an agency must act on or chase, for At risk and My work: offers to a council
 * (to answer) and a hub's own offers (to chase), each due soon or overdue, soonest due first.
 */
export async function handoffsAtRisk(db: Db, agencyId: string, now = new Date()): Promise<HandoffAtRisk[]> {
  const side = await handoffSide(db, agencyId);
  if (!side) return [];
  const open = await handoffList(db, { agencyId, userId: null, role: null }, { status: 'offered' });
  return open
    .map((item) => {
      const dueAt = new Date(item.dueAt);
      return {
        item,
        state: offerState(dueAt, now),
        dueOn: dueDay(dueAt),
        href: side === 'hub' ? `/enquiries/${item.enquiryId}#handoff` : `/handoffs?status=offered`,
      };
    })
    .sort((a, b) => (a.item.dueAt < b.item.dueAt ? -1 : a.item.dueAt > b.item.dueAt ? 1 : 0));
}
