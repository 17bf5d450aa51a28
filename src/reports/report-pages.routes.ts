import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { metricsRunning, metricsStatus, requestRecompute } from '../metrics/metrics.service.ts';
import { AppError, type FieldIssue } from '../shared/errors.ts';
import { errorsForView } from '../web/http.ts';
import { sendCsv } from './csv.ts';
import {
  comparisonOptions,
  queryString,
  readFilters,
  routedKinds,
  routeOptions,
  yearOptions,
  type FilterKind,
} from './report-filters.ts';
import { DEFAULT_ROUTE, reportRoutes, routeRules, type ReportRoute } from './report-routes.ts';
import { reportsFor } from './report-list.ts';
import { agencyKind } from './hub.repo.ts';
import {
  campaignsPage,
  conversionPage,
  funnelPage,
  netCarersPage,
  ofstedPage,
  hubPage,
  timeInStagePage,
  type ReportPage,
} from './report-pages.ts';
import { recordRestrictedView } from './restricted-views.ts';
import { turnaroundPage } from './turnaround-page.ts';
import { can } from '../shared/access.ts';
import { councilOptions, reportScope, type ReportScope } from './report-scope.ts';

const councilAsked = (query: unknown) => (query as { council?: string }).council;

/** The council a hub's reader asked for, or the issue with it (shown on the page, 422). */
async function readScope(deps: AppDeps, req: Request, query: unknown) {
  try {
    return { ok: true as const, scope: await reportScope(deps.db, req.user!.agencyId, councilAsked(query)) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation')
      return { ok: false as const, issues: error.issues };
    throw error;
  }
}

/**
 * The reports for people: an index, and for each report a page (filters, tables, charts) and its
 * main table as CSV. The figures come from the roll-ups; each page says when they were computed.
 */
export function reportPagesRouter(deps: AppDeps) {
  const router = Router();

  router.get('/reports', requireAccess('reports'), async (req, res) => {
    res.render('reports/index.njk', {
      reports: reportsFor(req.user!.role, (await agencyKind(deps.db, req.user!.agencyId))?.kind === 'hub'),
      status: await metricsStatus(deps.db, req.user!.agencyId),
      running: await metricsRunning(deps.queues),
      canRecompute: can(req.user!.role, 'management'),
    });
  });

  router.post('/reports/recompute', requireAccess('management'), async (req, res) => {
    await requestRecompute(deps.queues, req.user!.agencyId);
    await setFlash(deps.db, req.sessionToken!, {
      success: 'The figures are being worked out again. Refresh this page in a minute to see them.',
    });
    res.redirect(303, '/reports');
  });

  for (const definition of [
    funnelPage,
    netCarersPage,
    conversionPage,
    timeInStagePage,
    turnaroundPage,
    campaignsPage,
    ofstedPage,
    hubPage,
  ] as ReportPage<FilterKind, unknown>[]) {
    addReport(router, deps, definition);
  }
  return router;
}

function addReport<K extends FilterKind, R>(router: Router, deps: AppDeps, page: ReportPage<K, R>) {
  const allowed = requireAccess(page.capability);

  const load = async (req: Request, query: never, scope: ReportScope) => {
    const data = await page.load(deps.db, req, query, scope);
    const restricted = page.restricted?.(data, req);
    if (restricted) await recordRestrictedView(deps.db, actorFrom(req), restricted.report, restricted.period);
    return data;
  };

  router.get(page.path, allowed, async (req, res) => {
    const filters = readFilters(page.kind, req.query as Record<string, unknown>);
    const [councils, status] = await Promise.all([
      councilOptions(deps.db, req.user!.agencyId, filters.values.council),
      metricsStatus(deps.db, req.user!.agencyId),
    ]);
    const common = {
      pageTitle: page.title,
      path: page.path,
      kind: page.kind,
      values: filters.values,
      years: yearOptions(filters.values.year),
      comparisons: comparisonOptions(filters.values.compare),
      routes: routedKinds.includes(page.kind) ? routeOptions(filters.values.route) : null,
      councils,
      status,
    };
    const scoped = filters.ok ? await readScope(deps, req, filters.query) : null;
    if (!filters.ok || !scoped!.ok) {
      const issues = filters.ok ? (scoped as { issues: FieldIssue[] }).issues : filters.issues;
      // Kept on the page (not the error handler's form rebuild): a GET has no body to refill from.
      res.status(422).render(page.template, {
        ...common,
        ...errorsForView(issues, 'Check the period you asked for.'),
      });
      return;
    }
    const data = await load(req, filters.query as never, scoped!.scope);
    const route = (filters.query as { route?: ReportRoute }).route;
    res.render(page.template, {
      ...common,
      routeRule: route
        ? { label: reportRoutes[route], rule: routeRules[route], isDefault: route === DEFAULT_ROUTE }
        : null,
      report: data,
      table: page.table(data),
      ...page.locals?.(data),
      csvHref: `${page.path}.csv?${queryString(filters.query)}`,
    });
  });

  router.get(`${page.path}.csv`, allowed, async (req, res) => {
    const filters = readFilters(page.kind, req.query as Record<string, unknown>, { strict: true });
    if (!filters.ok) {
      throw new AppError('validation', filters.issues.map((i) => i.message).join('. '), {
        issues: filters.issues,
      });
    }
    const scope = await reportScope(deps.db, req.user!.agencyId, councilAsked(filters.query));
    const data = await load(req, filters.query as never, scope);
    sendCsv(res, page.filename(data), page.table(data));
  });
}
