import { Router } from 'express';
import { z } from 'zod';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { financialYearOf, londonToday } from '../shared/dates.ts';
import { parse } from '../shared/validation.ts';
import { campaignImpact } from './campaign-impact.service.ts';
import { conversionReport } from './conversion.service.ts';
import { funnelReport } from './funnel.service.ts';
import { netCarers } from './net-carers.service.ts';
import { ofstedReturn } from './ofsted.service.ts';
import { FunnelQuery, ReportPeriod } from './reports.schema.ts';
import { recordRestrictedView } from './restricted-views.ts';
import { timeInStageReport } from './time-in-stage.service.ts';

export const YearQuery = z.object({
  year: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce
      .number({ error: 'Enter the year the financial year starts, for example 2025 for 2025/26' })
      .int('Enter a year such as 2025')
      .min(2000, 'Enter a year from 2000 onwards')
      .max(2100, 'Enter a year before 2100')
      .optional(),
  ),
});
export const yearOrCurrent = (year: number | undefined) => year ?? financialYearOf(londonToday()).startYear;

/** `/api/v1/reports/…`: every report as JSON, read from the roll-ups (CONTRACT.md). */
export function reportsApi(deps: AppDeps) {
  const router = Router();
  const managers = requireAccess('management');

  router.get('/reports/funnel', requireAccess('reports'), async (req, res) => {
    res.json(await funnelReport(deps.db, req.user!.agencyId, parse(FunnelQuery, req.query)));
  });

  router.get('/reports/net-carers', managers, async (req, res) => {
    const period = parse(ReportPeriod, req.query);
    const report = await netCarers(deps.db, req.user!.agencyId, period);
    await recordRestrictedView(deps.db, actorFrom(req), 'net-carers', period);
    res.json(report);
  });

  router.get('/reports/campaigns', requireAccess('reports'), async (req, res) => {
    res.json(await campaignImpact(deps.db, req.user!.agencyId, parse(ReportPeriod, req.query)));
  });

  router.get('/reports/conversion', managers, async (req, res) => {
    res.json(await conversionReport(deps.db, req.user!.agencyId, parse(ReportPeriod, req.query)));
  });

  router.get('/reports/time-in-stage', managers, async (req, res) => {
    res.json(await timeInStageReport(deps.db, req.user!.agencyId, parse(ReportPeriod, req.query)));
  });

  router.get('/reports/ofsted', managers, async (req, res) => {
    const year = yearOrCurrent(parse(YearQuery, req.query).year);
    const report = await ofstedReturn(deps.db, req.user!.agencyId, year);
    await recordRestrictedView(deps.db, actorFrom(req), 'ofsted', {
      from: report.year.start,
      to: report.year.end,
    });
    res.json(report);
  });

  return router;
}
