import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse, parseId } from '../shared/validation.ts';
import { liftLegalHold, placeLegalHold, type LegalHold } from './legal-holds.service.ts';
import { LiftLegalHold, PlaceLegalHold } from './retention.schema.ts';

const holdJson = (hold: LegalHold) => ({
  id: hold.id,
  householdId: hold.householdId,
  reason: hold.reason,
  placedBy: hold.placedBy,
  placedAt: hold.placedAt,
  liftedBy: hold.liftedBy,
  liftedAt: hold.liftedAt,
  liftReason: hold.liftReason,
});

/** `/api/v1/households/:id/legal-hold`: place (POST) and lift (DELETE) a legal hold. */
export function retentionApi(deps: AppDeps) {
  const router = Router();

  router.post('/households/:id/legal-hold', requireAccess('legalHold'), async (req, res) => {
    const id = parseId(req.params.id, 'Household');
    const hold = await placeLegalHold(deps.db, actorFrom(req), id, parse(PlaceLegalHold, req.body));
    res.status(201).json(holdJson(hold));
  });

  router.delete('/households/:id/legal-hold', requireAccess('legalHold'), async (req, res) => {
    const id = parseId(req.params.id, 'Household');
    const hold = await liftLegalHold(deps.db, actorFrom(req), id, parse(LiftLegalHold, req.body ?? {}));
    res.json(holdJson(hold));
  });

  return router;
}
