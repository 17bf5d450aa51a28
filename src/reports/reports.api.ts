import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { parse } from '../shared/validation.ts';
import { campaignImpact } from './campaign-impact.service.ts';
import { conversionReport } from './conversion.service.ts';
import { funnelReport } from './funnel.service.ts';
import { hubReport } from './hub-report.service.ts';
import { netCarers } from './net-carers.service.ts';
import { ofstedReturn } from './ofsted.service.ts';
import { FunnelQuery, ReportPeriod, RoutedPeriod, YearQuery, yearOrCurrent } from './reports.schema.ts';
import { recordRestrictedView } from './restricted-views.ts';
import { reportScope } from './report-scope.ts';
import { timeInStageReport } from './time-in-stage.service.ts';

/** `/api/v1/reports/…`: every report as JSON, read from the roll-ups (docs/api.md). */
export function reportsApi(deps: AppDeps) {
  const router = Router();
  const managers = requireAccess('management');

  /** The reader's agency, or at a hub one member council (`council=`); 422 on `council` otherwise. */
  const scopeOf = (req: Request, query: { council?: string }) =>
    reportScope(deps.db, req.user!.agencyId, query.council);

  router.get('/reports/funnel', requireAccess('reports'), async (req, res) => {
    const query = parse(FunnelQuery, req.query);
    res.json(await funnelReport(deps.db, await scopeOf(req, query), query));
  });

  router.get('/reports/hub', requireAccess('reports'), async (req, res) => {
    const period = parse(RoutedPeriod, req.query);
    res.json(await hubReport(deps.db, await scopeOf(req, period), period));
  });

  router.get('/reports/net-carers', managers, async (req, res) => {
    const period = parse(RoutedPeriod, req.query);
    const report = await netCarers(deps.db, await scopeOf(req, period), period);
    await recordRestrictedView(deps.db, actorFrom(req), 'net-carers', period);
    res.json(report);
  });

  router.get('/reports/campaigns', requireAccess('reports'), async (req, res) => {
    const period = parse(RoutedPeriod, req.query);
    res.json(await campaignImpact(deps.db, await scopeOf(req, period), period));
  });

  router.get('/reports/conversion', managers, async (req, res) => {
    const period = parse(RoutedPeriod, req.query);
    res.json(await conversionReport(deps.db, await scopeOf(req, period), period));
  });

  router.get('/reports/time-in-stage', managers, async (req, res) => {
    const period = parse(ReportPeriod, req.query);
    res.json(await timeInStageReport(deps.db, await scopeOf(req, period), period));
  });

  router.get('/reports/ofsted', managers, async (req, res) => {
    const query = parse(YearQuery, req.query);
    const year = yearOrCurrent(query.year);
    const report = await ofstedReturn(deps.db, await scopeOf(req, query), year, undefined, query.route);
    await recordRestrictedView(deps.db, actorFrom(req), 'ofsted', {
      from: report.year.start,
      to: report.year.end,
    });
    res.json(report);
  });

  return router;
}
