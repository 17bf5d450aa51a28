import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parseId } from '../shared/validation.ts';
import { noQuery } from '../web/query.ts';
import { getEnquiryDetail } from './household.service.ts';

/** `GET /api/v1/enquiries/:id`: one enquiry with its household, history and messages. */
export function householdApi(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries', requireAccess('households'));

  router.get('/enquiries/:id', noQuery, async (req, res) => {
    res.json(await getEnquiryDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry')));
  });

  return router;
}
