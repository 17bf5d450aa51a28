import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse, parseId } from '../shared/validation.ts';
import { noQuery } from '../web/query.ts';
import { EraseHousehold, SubjectAccessQuery } from './data-requests.schema.ts';
import { eraseHousehold } from './erasure.service.ts';
import { subjectAccessPack } from './subject-access.service.ts';

/**
 * `GET /api/v1/subject-access` (everything held about a person, as JSON) and
 * `POST /api/v1/households/:id/erasure` (200 with what was erased and kept, or 409 naming the rule
 * that keeps the records). Managers and administrators (docs/api.md).
 */
export function subjectAccessApi(deps: AppDeps) {
  const router = Router();

  router.get('/subject-access', requireAccess('dataRequests'), async (req, res) => {
    res.json(await subjectAccessPack(deps.db, actorFrom(req), parse(SubjectAccessQuery, req.query)));
  });

  router.post('/households/:id/erasure', requireAccess('dataRequests'), noQuery, async (req, res) => {
    const id = parseId(req.params.id, 'Household');
    const { reason } = parse(EraseHousehold, req.body);
    res.json(await eraseHousehold(deps.db, actorFrom(req), id, reason));
  });

  return router;
}
