import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse, parseId } from '../shared/validation.ts';
import { AcceptHandoff, HandoffListQuery, OfferHandoff, ReturnHandoff } from './handoffs.schema.ts';
import { acceptHandoff, handoffList, offerHandoff, returnHandoff } from './handoffs.service.ts';

/**
 * The hand-off API (issue 17): a hub offers (`POST /enquiries/:id/handoff`), the member council
 * accepts or returns (`POST /handoffs/:id/accept|return`), both list theirs (`GET /handoffs`).
 * Caseworkers of either side (officers and managers): the council's are the ones who take the
 * household on; every answer is audited on both sides.
 */
export function handoffsApi(deps: AppDeps) {
  const router = Router();

  router.post('/enquiries/:id/handoff', requireAccess('households'), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const input = parse(OfferHandoff, req.body);
    res.status(201).json(await offerHandoff(deps.db, actorFrom(req), id, input));
  });

  router.use('/handoffs', requireAccess('households'));

  router.get('/handoffs', async (req, res) => {
    const query = parse(HandoffListQuery, req.query);
    res.json({ items: await handoffList(deps.db, actorFrom(req), { status: query.status }) });
  });

  router.post('/handoffs/:id/accept', async (req, res) => {
    const id = parseId(req.params.id, 'Hand-off');
    parse(AcceptHandoff, req.body ?? {});
    // The roll-ups catch up after the response (src/web/metrics-after-changes.ts): the move marked
    // both agencies' days.
    res.json(await acceptHandoff(deps.db, actorFrom(req), id));
  });

  router.post('/handoffs/:id/return', async (req, res) => {
    const id = parseId(req.params.id, 'Hand-off');
    const { reason } = parse(ReturnHandoff, req.body);
    res.json(await returnHandoff(deps.db, actorFrom(req), id, reason));
  });

  return router;
}
