import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/db-type.ts';
import { findHousehold } from '../households/households.repo.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { lockHouseholds } from './disposal.repo.ts';
import { findActiveHold, holdHistory, insertHold, liftHold, type LegalHold } from './legal-holds.repo.ts';

export type { LegalHold } from './legal-holds.repo.ts';

/**
 * The hold in force on a household, or null. While one is, nothing about the household is
 * anonymised (retention) or erased (a request): legal proceedings, a complaint or an inquiry may
 * need the record (UK GDPR Art. 17(3)(e): erasure does not apply to data needed for legal claims).
 */
export async function activeLegalHold(
  db: Db,
  agencyId: string,
  householdId: string,
): Promise<LegalHold | null> {
  return findActiveHold(db, agencyId, householdId);
}

async function requireHousehold(db: Db, agencyId: string, householdId: string) {
  await lockHouseholds(db, agencyId, [householdId]); // waits for an anonymisation of it in progress
  const household = await findHousehold(db, agencyId, householdId);
  if (!household) throw notFound('Household');
  return household;
}

/**
 * Places a legal hold. Errors: `not_found` (no such household in the actor's agency), `conflict`
 * (a hold is already in force). The audit entry names the hold, never its reason (free text that may
 * describe people).
 */
export async function placeLegalHold(
  db: Db,
  actor: Actor,
  householdId: string,
  input: { reason: string },
  now = new Date(),
): Promise<LegalHold> {
  return db.transaction(async (tx) => {
    await requireHousehold(tx, actor.agencyId, householdId);
    const hold = await insertHold(tx, {
      agencyId: actor.agencyId,
      householdId,
      reason: input.reason,
      placedBy: actor.userId,
      placedAt: now,
    });
    if (!hold) throw new AppError('conflict', 'This household is already under a legal hold.');
    await recordAudit(tx, actor, {
      action: 'legal_hold.placed',
      entityType: 'household',
      entityId: householdId,
      changes: { legalHoldId: { to: hold.id } },
    });
    return hold;
  });
}

/** Lifts the hold in force. Errors: `not_found` (household), `conflict` (no hold in force). */
export async function liftLegalHold(
  db: Db,
  actor: Actor,
  householdId: string,
  input: { reason?: string | undefined },
  now = new Date(),
): Promise<LegalHold> {
  return db.transaction(async (tx) => {
    await requireHousehold(tx, actor.agencyId, householdId);
    const hold = await liftHold(tx, actor.agencyId, householdId, {
      liftedBy: actor.userId,
      liftedAt: now,
      liftReason: input.reason ?? null,
    });
    if (!hold) throw new AppError('conflict', 'This household has no legal hold in force.');
    await recordAudit(tx, actor, {
      action: 'legal_hold.lifted',
      entityType: 'household',
      entityId: householdId,
      changes: { legalHoldId: { to: hold.id } },
    });
    return hold;
  });
}

/** Every hold placed on a household, newest first (the household page). */
export const legalHoldHistory = (db: Db, agencyId: string, householdId: string) =>
  holdHistory(db, agencyId, householdId);
