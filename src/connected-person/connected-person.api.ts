import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { getEnquiryDetail } from '../household/household.service.ts';
import { parse, parseId } from '../shared/validation.ts';
import { ChangeRoute, RecordExtension } from './connected-person.schema.ts';
import { changeRoute, recordExtension } from './connected-person.service.ts';

/**
 * `PATCH /api/v1/enquiries/:id` (route and placement date) and the temporary approval extension of
 * a family and friends (connected person) household.
 */
export function connectedPersonApi(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries', requireAccess('households'));

  router.patch('/enquiries/:id', async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const actor = actorFrom(req);
    await changeRoute(deps.db, actor, id, parse(ChangeRoute, req.body));
    res.json(await getEnquiryDetail(deps.db, actor, id));
  });

  router.post('/enquiries/:id/temporary-approval/extension', async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const actor = actorFrom(req);
    await recordExtension(deps.db, actor, id, parse(RecordExtension, req.body));
    const detail = await getEnquiryDetail(deps.db, actor, id);
    res.status(201).json(detail.temporaryApproval);
  });

  return router;
}
