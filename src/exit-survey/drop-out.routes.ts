import { Router } from 'express';
import { requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { sendCsv } from '../reports/csv.ts';
import { readFilters, routeOptions, yearOptions } from '../reports/report-filters.ts';
import { refuseCouncil } from '../reports/report-scope.ts';
import { reportRoutes } from '../reports/report-routes.ts';
import { YearQuery, yearOrCurrent } from '../reports/reports.schema.ts';
import { can } from '../shared/access.ts';
import { AppError } from '../shared/errors.ts';
import { parse } from '../shared/validation.ts';
import { errorsForView } from '../web/http.ts';
import { applicantSaidTable, byCampaignTable, byStageTable, dropOutCsvTable } from './drop-out-tables.ts';
import { dropOutReasons } from './drop-out.service.ts';

const PATH = '/reports/drop-out-reasons';

/**
 * The drop-out reasons report for people: codes by stage and campaign (managers and comms), what
 * applicants chose, and — for managers only — what they wrote. CSV of the codes.
 */
export function dropOutRouter(deps: AppDeps) {
  const router = Router();
  const allowed = requireAccess('reports');

  router.get(PATH, allowed, async (req, res) => {
    const filters = readFilters('year', req.query as Record<string, unknown>);
    if (filters.ok) refuseCouncil(filters.query);
    const common = {
      pageTitle: 'Why households stopped',
      path: PATH,
      kind: 'year',
      values: filters.values,
      years: yearOptions(filters.values.year),
      routes: routeOptions(filters.values.route),
    };
    if (!filters.ok) {
      res.status(422).render('reports/drop-out-reasons.njk', {
        ...common,
        ...errorsForView(filters.issues, 'Check the year you asked for.'),
      });
      return;
    }
    const managers = can(req.user!.role, 'management');
    const report = await dropOutReasons(deps.db, req.user!.agencyId, filters.query, managers);
    res.render('reports/drop-out-reasons.njk', {
      ...common,
      report,
      period: `${report.year.label}${report.year.running ? ' so far' : ''}`,
      byStage: byStageTable(report),
      byCampaign: byCampaignTable(report),
      said: applicantSaidTable(report),
      showWords: managers,
      routeLabel: reportRoutes[report.route],
      csvHref: `${PATH}.csv?year=${report.year.startYear}&route=${report.route}`,
    });
  });

  router.get(`${PATH}.csv`, allowed, async (req, res) => {
    const filters = readFilters('year', req.query as Record<string, unknown>, { strict: true });
    if (!filters.ok)
      throw new AppError('validation', filters.issues.map((i) => i.message).join('. '), {
        issues: filters.issues,
      });
    refuseCouncil(filters.query);
    const report = await dropOutReasons(deps.db, req.user!.agencyId, filters.query, false);
    const name = `drop-out-reasons-${report.year.label.replace('/', '-')}-${report.route}.csv`;
    sendCsv(res, name, dropOutCsvTable(report));
  });
  return router;
}

/** `GET /api/v1/reports/drop-out-reasons?year=YYYY&route=` (docs/api.md); `words` for managers only. */
export function dropOutApi(deps: AppDeps) {
  const router = Router();
  router.get('/reports/drop-out-reasons', requireAccess('reports'), async (req, res) => {
    const { year, route, ...rest } = parse(YearQuery, req.query);
    refuseCouncil(rest);
    const query = { year: yearOrCurrent(year), route };
    res.json(await dropOutReasons(deps.db, req.user!.agencyId, query, can(req.user!.role, 'management')));
  });
  return router;
}
