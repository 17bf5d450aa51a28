import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { accountRouter } from './auth/account.routes.ts';
import {
  bearerAuth,
  csrfProtection,
  enforcePasswordChange,
  sessionMiddleware,
} from './auth/auth.middleware.ts';
import { authRouter } from './auth/auth.routes.ts';
import { auditRouter } from './audit/audit.routes.ts';
import type { AppDeps } from './deps.ts';
import { deadlinesRouter } from './deadlines/deadlines.routes.ts';
import { enquiriesApi } from './enquiries/enquiries.api.ts';
import { panelsApi } from './panels/panels.api.ts';
import { panelsRouter } from './panels/panels.routes.ts';
import { assessmentChecksRouter } from './assessment-checks/assessment-checks.routes.ts';
import { assessmentChecksApi } from './assessment-checks/assessment-checks.api.ts';
import { checkTypesRouter } from './assessment-checks/check-types.routes.ts';
import { visitsRouter } from './visits/visits.routes.ts';
import { campaignsApi } from './campaigns/campaigns.api.ts';
import { campaignsRouter } from './campaigns/campaigns.routes.ts';
import { eventsApi } from './events/events.api.ts';
import { eventsRouter } from './events/events.routes.ts';
import { mailingsRouter } from './mailings/mailings.routes.ts';
import { followUpsRouter } from './follow-ups/follow-ups.routes.ts';
import { nurtureRouter } from './nurture/nurture.routes.ts';
import { agenciesRouter } from './agencies/agencies.routes.ts';
import { messagesRouter } from './messages/messages.routes.ts';
import { unsubscribeRouter } from './messages/unsubscribe.routes.ts';
import { exitSurveyPublicRouter, exitSurveyRouter } from './exit-survey/exit-survey.routes.ts';
import { referencePublicRouter, referencesRouter } from './references/references.routes.ts';
import { dropOutApi, dropOutRouter } from './exit-survey/drop-out.routes.ts';
import { enquiriesRouter } from './enquiries/enquiries.routes.ts';
import { householdApi } from './household/household.api.ts';
import { householdRouter } from './household/household.routes.ts';
import { handoffsApi } from './handoffs/handoffs.api.ts';
import { handoffsRouter } from './handoffs/handoffs.routes.ts';
import { connectedPersonApi } from './connected-person/connected-person.api.ts';
import { connectedPersonRouter } from './connected-person/connected-person.routes.ts';
import { myWorkRouter } from './enquiries/my-work.routes.ts';
import { pipelineRouter } from './pipeline/pipeline.routes.ts';
import { equalityRouter } from './privacy/equality.routes.ts';
import { consentsRouter } from './privacy/consents.routes.ts';
import { dashboardsRouter } from './reports/dashboards.routes.ts';
import { reportPagesRouter } from './reports/report-pages.routes.ts';
import { targetsRouter } from './targets/targets.routes.ts';
import { retentionApi } from './retention/retention.api.ts';
import { retentionRouter } from './retention/retention.routes.ts';
import { publicEnquiryRouter } from './public/public-enquiry.routes.ts';
import { heldSubmissionsRouter } from './public/held-submissions.routes.ts';
import { healthRouter } from './health/health.routes.ts';
import { homeRouter } from './home/home.routes.ts';
import { AppError } from './shared/errors.ts';
import { noQueryOnWrites } from './web/query.ts';
import { errorHandler, notFoundHandler } from './web/http.ts';
import { idempotencyKeys } from './web/idempotency-key.ts';
import { pathOnly, safeError } from './shared/logger.ts';
import { requestMemo } from './shared/request-memo.ts';
import { submissionTokenGuard } from './web/submission-token.ts';
import { navigationFor } from './web/navigation.ts';
import { buildDir, ensureStylesheet } from './web/stylesheet.ts';
import { configureViews, govukDist, viewsDir } from './web/views.ts';
import { bankHolidaysRouter } from './calendar/bank-holidays.routes.ts';
import { approvalSettingsApi } from './approval-settings/approval-settings.api.ts';
import { approvalSettingsRouter } from './approval-settings/approval-settings.routes.ts';
import { systemRouter } from './system/system.routes.ts';
import { exportApi } from './export/export.api.ts';
import { exportRouter } from './export/export.routes.ts';
import { importApiUploads, importsApi } from './imports/imports.api.ts';
import { importPageUploads, importsRouter } from './imports/imports.routes.ts';
import { templatesRouter } from './templates/templates.routes.ts';
import { meApi } from './users/me.api.ts';
import { metricsApi } from './metrics/metrics.api.ts';
import { openApiApi } from './openapi/openapi.api.ts';
import { reportsApi } from './reports/reports.api.ts';
import { targetsApi } from './targets/targets.api.ts';
import { metricsAfterChanges } from './web/metrics-after-changes.ts';
import { usersRouter } from './users/users.routes.ts';
import { subjectAccessApi } from './subject-access/subject-access.api.ts';
import { subjectAccessRouter } from './subject-access/subject-access.routes.ts';
import { householdRequestsRouter } from './subject-access/household-requests.routes.ts';

const REQUEST_ID = /^[\w-]{8,64}$/;

/** Feature routers for people (HTML) and for the API, in one list each so the wiring reads at a glance. */
const pageRouters = [
  authRouter,
  accountRouter,
  homeRouter,
  myWorkRouter,
  enquiriesRouter,
  handoffsRouter,
  connectedPersonRouter,
  householdRouter,
  pipelineRouter,
  visitsRouter,
  panelsRouter,
  assessmentChecksRouter,
  checkTypesRouter,
  eventsRouter,
  deadlinesRouter,
  publicEnquiryRouter,
  heldSubmissionsRouter,
  equalityRouter,
  consentsRouter,
  reportPagesRouter,
  targetsRouter,
  dashboardsRouter,
  usersRouter,
  auditRouter,
  systemRouter,
  exportRouter,
  importsRouter,
  bankHolidaysRouter,
  approvalSettingsRouter,
  messagesRouter,
  mailingsRouter,
  campaignsRouter,
  templatesRouter,
  followUpsRouter,
  nurtureRouter,
  agenciesRouter,
  exitSurveyRouter,
  referencesRouter,
  dropOutRouter,
  subjectAccessRouter,
  householdRequestsRouter,
  retentionRouter,
];
export const apiRouters = [
  meApi,
  enquiriesApi,
  householdApi,
  handoffsApi,
  connectedPersonApi,
  eventsApi,
  campaignsApi,
  panelsApi,
  assessmentChecksApi,
  metricsApi,
  reportsApi,
  targetsApi,
  openApiApi,
  exportApi,
  dropOutApi,
  importsApi,
  subjectAccessApi,
  retentionApi,
  approvalSettingsApi,
];

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Express's own last-resort handler prints stack traces unless it believes it is in production.
  app.set('env', 'production');
  app.set('trust proxy', deps.config.TRUST_PROXY);
  configureViews(app, { watch: deps.config.NODE_ENV === 'development' });
  ensureStylesheet();

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Path only: query strings can hold searches for people's names.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: pathOnly(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: safeError,
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || /^\/(assets|static)\//.test(req.url ?? '') },
    }),
  );

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );

  const staticOptions = { maxAge: deps.config.NODE_ENV === 'production' ? '1d' : 0, fallthrough: false };
  app.use('/assets', express.static(path.join(govukDist, 'govuk/assets'), staticOptions));
  app.use('/static/govuk', express.static(path.join(govukDist, 'govuk'), { ...staticOptions, index: false }));
  app.use('/static/app', express.static(buildDir, staticOptions));
  app.use('/static/site', express.static(path.join(viewsDir, 'static'), staticOptions));

  // Everything below the public assets is personal or per-user (pages, API, forms with CSRF tokens):
  // never kept in a browser's or a proxy's cache, where the next person at a shared PC would find it.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.use(healthRouter(deps));
  // A page's services share the reads they have in common (shared/request-memo.ts).
  app.use(requestMemo);
  // Figures catch up a moment after any change, whichever page or endpoint made it.
  app.use(metricsAfterChanges(deps.queues, deps.logger));

  // The API: bearer tokens only, never cookies, so cross-site requests cannot ride on a session.
  const api = express.Router();
  api.use(express.json({ limit: '2mb' }));
  api.use(bearerAuth(deps));
  // Multipart uploads (the tracker import) are read before the Idempotency-Key check, which hashes them.
  api.use(importApiUploads());
  // Unknown query parameters are a 422 (docs/api.md): GET routes parse theirs with strict schemas.
  api.use(noQueryOnWrites);
  api.use(idempotencyKeys(deps));
  for (const router of apiRouters) api.use(router(deps));
  api.use((_req, _res, next) => next(new AppError('not_found', 'No such API endpoint.')));
  app.use('/api/v1', api);

  app.use(express.urlencoded({ extended: true, limit: '2mb', parameterLimit: 2000 }));
  // Before sessions and CSRF: the signed token in the link is the credential, and mail programs
  // post one-click unsubscribes (RFC 8058) without cookies.
  app.use(unsubscribeRouter(deps));
  app.use(exitSurveyPublicRouter(deps));
  app.use(referencePublicRouter(deps));
  app.use(sessionMiddleware(deps));
  // The import's upload form is multipart: read it first, so the CSRF check finds the form's token.
  app.use(importPageUploads(deps));
  app.use(csrfProtection);
  app.use(enforcePasswordChange);
  app.use(submissionTokenGuard(deps));
  app.use((req, res, next) => {
    res.locals.currentPath = req.path;
    if (req.user) res.locals.navigation = navigationFor(req.user.role, req.path);
    next();
  });
  for (const router of pageRouters) app.use(router(deps));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
