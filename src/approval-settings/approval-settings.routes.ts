import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import { londonToday } from '../calendar/dates.ts';
import type { AppDeps } from '../deps.ts';
import { approvalRouteLabels, approvalRoutes } from '../pipeline/stages.ts';
import { formatDate } from '../shared/format.ts';
import { parse } from '../shared/validation.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import {
  ApprovalRouteChange,
  MAX_STANDARD_MONTHS,
  TimelinessStandardChange,
} from './approval-settings.schema.ts';
import { approvalSettingsOverview } from './approval-settings-overview.ts';
import { changeApprovalRoute, changeTimelinessStandard } from './approval-settings.service.ts';

const PAGE = '/admin/approval-rules';

/**
 * Administrators keep the service's approval rules: the approval route and the timeliness standard,
 * each changed from a date, with the history of every change.
 */
export function approvalSettingsRouter(deps: AppDeps) {
  const router = Router();
  router.use(PAGE, requireAccess('administration'));

  const overview = async (req: Request) => approvalSettingsOverview(deps.db, req.user!.agencyId);
  const routeForm = async (req: Request) => ({
    ...(await overview(req)),
    routes: approvalRoutes.map((value) => ({ value, text: approvalRouteLabels[value] })),
  });
  const standardForm = async (req: Request) => ({ ...(await overview(req)), maxMonths: MAX_STANDARD_MONTHS });
  const body = (req: Request) => req.body as Record<string, unknown>;

  router.get(PAGE, async (req, res) => {
    res.render('approval-settings/settings.njk', await overview(req));
  });

  router.get(`${PAGE}/route`, async (req, res) => {
    res.render('approval-settings/route.njk', { ...(await routeForm(req)), values: {} });
  });

  router.post(`${PAGE}/route`, formView('approval-settings/route.njk', routeForm), async (req, res) => {
    const { route, effectiveFrom, reason } = body(req);
    const input = parse(ApprovalRouteChange, { route, effectiveFrom: dateFromParts(effectiveFrom), reason });
    await changeApprovalRoute(deps.db, actorFrom(req), input);
    await setFlash(deps.db, req.sessionToken!, {
      success: `Approval route: ${approvalRouteLabels[input.route]} from ${formatDate(input.effectiveFrom)}${input.effectiveFrom > londonToday() ? ' (scheduled)' : ''}.`,
    });
    res.redirect(303, PAGE);
  });

  router.get(`${PAGE}/standard`, async (req, res) => {
    res.render('approval-settings/standard.njk', { ...(await standardForm(req)), values: {} });
  });

  router.post(
    `${PAGE}/standard`,
    formView('approval-settings/standard.njk', standardForm),
    async (req, res) => {
      const { months, effectiveFrom, reason } = body(req);
      const input = parse(TimelinessStandardChange, {
        months,
        effectiveFrom: dateFromParts(effectiveFrom),
        reason,
      });
      await changeTimelinessStandard(deps.db, actorFrom(req), input);
      await setFlash(deps.db, req.sessionToken!, {
        success: `Timeliness standard: ${input.months} months from ${formatDate(input.effectiveFrom)}.`,
      });
      res.redirect(303, PAGE);
    },
  );

  return router;
}
