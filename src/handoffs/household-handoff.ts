import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { dueDay } from './handoff-clock.ts';
import { enquiryAtHub, handoffsOfEnquiry, memberCouncils } from './handoffs.repo.ts';
import { handoffList, handoffSide } from './handoffs.service.ts';

/**
 * The hand-off part of the household page. At a hub: every offer of this household (newest first,
 * with a returned offer's reason) and whether it can be offered now. At a member council: the
 * hand-off it accepted (when, from which hub, the hub's note). Elsewhere: nothing.
 */
export async function handoffForHousehold(db: Db, actor: Actor, enquiryId: string) {
  const side = await handoffSide(db, actor.agencyId);
  if (side === 'hub') {
    const offers = (await handoffsOfEnquiry(db, actor.agencyId, enquiryId)).map((o) => ({
      ...o,
      dueOn: dueDay(o.dueAt),
    }));
    return { side, offers, open: offers.find((o) => o.status === 'offered') ?? null };
  }
  if (side === 'council') {
    const received = (await handoffList(db, actor, { enquiryId })).filter((h) => h.status === 'accepted');
    return { side, received };
  }
  return null;
}

/**
 * What the "Offer to a council" form needs: the hub's member councils, and the one to pre-select:
 * the council the household chose on the form, else the council whose area it lives in. 404 when
 * the actor is not at a hub or the enquiry is not the hub's.
 */
export async function offerFormFor(db: Db, actor: Actor, enquiryId: string) {
  if ((await handoffSide(db, actor.agencyId)) !== 'hub') throw notFound('Enquiry');
  const enquiry = await enquiryAtHub(db, actor.agencyId, enquiryId);
  if (!enquiry) throw notFound('Enquiry');
  const councils = await memberCouncils(db, actor.agencyId);
  const preselectedId = enquiry.preferredCouncilId ?? enquiry.homeCouncilId;
  const preselected = councils.find((c) => c.id === preselectedId)?.code ?? null;
  return {
    enquiryId,
    councils,
    preselected,
    preselectedBecause: enquiry.preferredCouncilId
      ? 'the council the household chose'
      : enquiry.homeCouncilId
        ? 'the council whose area the household lives in'
        : null,
  };
}
