import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { closeMembership, insertMembership } from './nurture.repo.ts';
import type { NurtureLeftReason } from './nurture.table.ts';

/** The stages from which a household can be kept in touch with (issue 17 §6). */
export const nurtureStages = ['enquiry', 'initial_visit'] as const;

/**
 * "Not ready yet – keep in touch": the household joins the nurture pool. Its stage does not change
 * (the pool is a flag with a since-date, not a pipeline stage: the state machine, deadlines and
 * reports are untouched); the regular nudges stop and the gentler nurture sequence starts.
 * Errors: `not_found`; `conflict` (409) when the household is past the initial visit or already in the pool.
 */
export async function joinNurturePool(db: Db, actor: Actor, enquiryId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const enquiry = await findEnquiry(tx, actor.agencyId, enquiryId);
    if (!enquiry) throw notFound('Enquiry');
    if (!(nurtureStages as readonly string[]).includes(enquiry.stage))
      throw new AppError(
        'conflict',
        'Only a household at enquiry or initial visit can be kept in touch with.',
      );
    const row = await insertMembership(tx, {
      agencyId: actor.agencyId,
      enquiryId,
      joinedAt: now,
      joinedBy: actor.userId,
    });
    if (!row) throw new AppError('conflict', 'This household is already in the nurture pool.');
    await recordAudit(tx, actor, { action: 'nurture.joined', entityType: 'enquiry', entityId: enquiryId });
    return row;
  });
}

/**
 * The household comes back into the active pipeline: they replied (an officer recorded reaching
 * them), booked an information session, moved on in the pipeline, or an officer said so. No more
 * nurture emails after this. Nothing happens when it is not in the pool. Call inside the
 * transaction of the change that caused it.
 */
export async function leaveNurturePool(
  tx: Db,
  actor: Actor,
  enquiryId: string,
  reason: NurtureLeftReason,
  at = new Date(),
) {
  const left = await closeMembership(tx, actor.agencyId, enquiryId, reason, at);
  if (left) {
    await recordAudit(tx, actor, {
      action: 'nurture.left',
      entityType: 'enquiry',
      entityId: enquiryId,
      changes: { reason: { to: reason } },
    });
  }
  return !!left;
}
