import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { formatDate } from '../shared/format.ts';
import { parse, parseId } from '../shared/validation.ts';
import { formView } from '../web/http.ts';
import { EraseHousehold, LogTransferOut } from './data-requests.schema.ts';
import { logTransferOut } from './data-requests.service.ts';
import { erasedItems, eraseHousehold, keptItems } from './erasure.service.ts';
import { householdRequestModel } from './household-requests.service.ts';

/**
 * From the household page: "Erase this household's personal data" (an explanation of what the law
 * keeps and what goes, then a reason to confirm) and "Send records to another fostering service".
 */
export function householdRequestsRouter(deps: AppDeps) {
  const router = Router();
  router.use('/households', requireAccess('dataRequests'));

  const erasurePage = async (req: Request) => ({
    ...(await householdRequestModel(deps.db, actorFrom(req), parseId(req.params.id, 'Household'))),
    erasedItems,
    keptItems,
  });

  router.get('/households/:id/erasure', async (req, res) => {
    res.render('subject-access/erasure.njk', { ...(await erasurePage(req)), values: {} });
  });

  router.post(
    '/households/:id/erasure',
    formView('subject-access/erasure.njk', erasurePage),
    async (req, res) => {
      const id = parseId(req.params.id, 'Household');
      const result = await eraseHousehold(
        deps.db,
        actorFrom(req),
        id,
        parse(EraseHousehold, req.body).reason,
      );
      await setFlash(deps.db, req.sessionToken!, {
        success: 'The household’s personal data has been erased. Its counted events remain, without names.',
      });
      res.redirect(303, `/data-requests/${result.requestId}`);
    },
  );

  const transferPage = async (req: Request) =>
    householdRequestModel(deps.db, actorFrom(req), parseId(req.params.id, 'Household'));

  router.get('/households/:id/transfer-out', async (req, res) => {
    res.render('subject-access/transfer-out.njk', { ...(await transferPage(req)), values: {} });
  });

  router.post(
    '/households/:id/transfer-out',
    formView('subject-access/transfer-out.njk', transferPage),
    async (req, res) => {
      const id = parseId(req.params.id, 'Household');
      const request = await logTransferOut(deps.db, actorFrom(req), id, parse(LogTransferOut, req.body));
      await setFlash(deps.db, req.sessionToken!, {
        success: `Transfer logged. Send the records by ${formatDate(request.dueOn)}.`,
      });
      res.redirect(303, `/data-requests/${request.id}`);
    },
  );

  return router;
}
