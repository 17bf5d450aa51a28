import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { erasureCheck } from './erasure.service.ts';
import { householdCore } from './subject-access.repo.ts';

/**
 * What the erasure and transfer-out pages show about a household: its people, its latest enquiry
 * (for the way back to the household page) and whether erasure is allowed now, with the rule that
 * prevents it. not_found for another agency's household.
 */
export async function householdRequestModel(db: Db, actor: Actor, householdId: string) {
  const core = await householdCore(db, actor.agencyId, [householdId]);
  const household = core.households[0];
  if (!household) throw notFound('The household');
  const latest = core.enquiries.at(-1) ?? null;
  return {
    household,
    people: core.people,
    enquiryId: latest?.id ?? null,
    stage: latest?.stage ?? null,
    erasure: await erasureCheck(db, actor, householdId),
  };
}
