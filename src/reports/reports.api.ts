import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse } from '../shared/validation.ts';
import { campaignImpact } from './campaign-impact.service.ts';
import { conversionReport } from './conversion.service.ts';
import { funnelReport } from './funnel.service.ts';
import { netCarers } from './net-carers.service.ts';
import { ofstedReturn } from './ofsted.service.ts';
import { FunnelQuery, ReportPeriod, RoutedPeriod, YearQuery, yearOrCurrent } from './reports.schema.ts';
import { recordRestrictedView } from './restricted-views.ts';
import { timeInStageReport } from './time-in-stage.service.ts';
import { turnaroundReport } from './turnaround.service.ts';

/** `/api/v1/reports/…`: every report as JSON, read from the roll-ups (docs/api.md). */
export function reportsApi(deps: AppDeps) {
  const router = Router();
  const managers = requireAccess('management');

  router.get('/reports/funnel', requireAccess('reports'), async (req, res) => {
    res.json(await funnelReport(deps.db, req.user!.agencyId, parse(FunnelQuery, req.query)));
  });

  router.get('/reports/net-carers', managers, async (req, res) => {
    const period = parse(RoutedPeriod, req.query);
    const report = await netCarers(deps.db, req.user!.agencyId, period);
    await recordRestrictedView(deps.db, actorFrom(req), 'net-carers', period);
    res.json(report);
  });

  router.get('/reports/campaigns', requireAccess('reports'), async (req, res) => {
    res.json(await campaignImpact(deps.db, req.user!.agencyId, parse(RoutedPeriod, req.query)));
  });

  router.get('/reports/conversion', managers, async (req, res) => {
    res.json(await conversionReport(deps.db, req.user!.agencyId, parse(RoutedPeriod, req.query)));
  });

  router.get('/reports/time-in-stage', managers, async (req, res) => {
    res.json(await timeInStageReport(deps.db, req.user!.agencyId, parse(ReportPeriod, req.query)));
  });

  router.get('/reports/assessment-turnaround', managers, async (req, res) => {
    res.json(await turnaroundReport(deps.db, req.user!.agencyId, parse(ReportPeriod, req.query)));
  });

  router.get('/reports/ofsted', managers, async (req, res) => {
    const query = parse(YearQuery, req.query);
    const year = yearOrCurrent(query.year);
    const report = await ofstedReturn(deps.db, req.user!.agencyId, year, undefined, query.route);
    await recordRestrictedView(deps.db, actorFrom(req), 'ofsted', {
      from: report.year.start,
      to: report.year.end,
    });
    res.json(report);
  });

  return router;
}
