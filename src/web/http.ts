import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { AppError, type ErrorCode, type FieldIssue } from '../shared/errors.ts';
import { wantsHtml } from './html.ts';
import {
  clientProblem,
  isDatabaseOutage,
  outageProblem,
  unstorableInputProblem,
  type Problem,
} from './http-problems.ts';
import type { Logger } from '../shared/logger.ts';

export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation':
      return 422;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'invalid_transition':
      return 409;
    case 'forbidden':
      return 403;
    case 'unauthenticated':
      return 401;
    case 'rate_limited':
      return 429;
    default: {
      const unreachable: never = code;
      throw new Error(`Unmapped error code ${String(unreachable)}`);
    }
  }
}

/**
 * A form page declares which template shows it; on a validation or conflict error the error
 * middleware renders that template again with the user's input and field messages, so nothing
 * typed is lost. `locals` loads whatever else the page needs (select options and so on).
 */
export interface FormView {
  template: string;
  locals?: (req: Request, res: Response) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The route's params, which the app-level error handler would not otherwise see. */
  params: Request['params'];
}

export const formView =
  (template: string, locals?: FormView['locals']): RequestHandler =>
  (req, res, next) => {
    res.locals.formView = { template, locals, params: { ...req.params } } satisfies FormView;
    next();
  };

/** GOV.UK error summary and per-field messages, keyed by the dotted field path. */
export function errorsForView(issues: FieldIssue[], fallback: string) {
  const list = issues.length ? issues : [{ path: '', message: fallback }];
  const byField: Record<string, { text: string }> = {};
  for (const issue of list) byField[issue.path] ??= { text: issue.message };
  return {
    errorList: list.map((i) => ({ text: i.message, href: `#${fieldId(i.path)}` })),
    errors: byField,
  };
}

/** The HTML id of the input for a dotted path: `applicants.0.email` → `applicants-0-email`. */
export const fieldId = (path: string) => (path === '' ? 'main-content' : path.replaceAll('.', '-'));

function fromBodyParser(err: unknown): AppError | undefined {
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    return new AppError('validation', 'The request body is not valid JSON.', {
      issues: [{ path: '', message: 'The request body is not valid JSON' }],
    });
  }
  return undefined;
}

const PLAIN_500 =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sorry, there is a problem with the service</title></head>' +
  '<body><h1>Sorry, there is a problem with the service</h1><p>Try again later.</p></body></html>';

/** Renders a page; if the template itself fails, logs it and sends a plain page (never a stack trace). */
function renderSafely(res: Response, logger: Logger, view: string, locals: Record<string, unknown>) {
  res.render(view, locals, (err: Error | null, html?: string) => {
    if (!err) return void res.send(html);
    logger.error({ err, view }, 'template failed to render');
    if (!res.headersSent) res.status(500).type('html').send(PLAIN_500);
  });
}

/** Sends a Problem (a non-AppError 4xx, or a database outage) as JSON for the API and a GOV.UK page for people. */
function sendProblem(req: Request, res: Response, logger: Logger, problem: Problem) {
  for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
  res.status(problem.status);
  if (!wantsHtml(req)) {
    res.json({ error: { code: problem.code, message: problem.message, issues: [] } });
    return;
  }
  renderSafely(res, logger, 'errors/problem.njk', { status: problem.status, message: problem.message });
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return async (rawErr, req, res, _next) => {
    // A response already under way (a CSV download) cannot change status: let Express end it.
    if (res.headersSent) return _next(rawErr);
    const err = rawErr instanceof AppError ? rawErr : (fromBodyParser(rawErr) ?? rawErr);
    if (!(err instanceof AppError)) {
      const problem = clientProblem(err) ?? unstorableInputProblem(err);
      if (problem) return sendProblem(req, res, logger, problem);
      if (isDatabaseOutage(err)) {
        logger.error({ err, reqId: req.id, path: req.path }, 'database unavailable');
        return sendProblem(req, res, logger, outageProblem);
      }
      logger.error({ err, reqId: req.id, path: req.path }, 'unhandled error');
      res.status(500);
      if (!wantsHtml(req)) {
        res.json({ error: { code: 'internal', message: `Something went wrong. Reference: ${req.id}` } });
        return;
      }
      renderSafely(res, logger, 'errors/500.njk', { reference: req.id });
      return;
    }

    const status = statusFor(err.code);
    const form = res.locals.formView as FormView | undefined;
    if (status === 401 && !form && wantsHtml(req)) {
      res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.status(status);
    if (!wantsHtml(req)) {
      res.json({
        error: { code: err.code, message: err.message, issues: err.issues, ...(err.details ?? {}) },
      });
      return;
    }
    if (form && err.code !== 'forbidden' && err.code !== 'not_found') {
      req.params = form.params;
      let extra: Record<string, unknown>;
      try {
        extra = form.locals ? await form.locals(req, res) : {};
      } catch (localsError) {
        // The form cannot be shown again, typically because what it is about cannot be (an id that
        // does not exist or belongs to another agency): that error, with its own status, is the answer.
        res.locals.formView = undefined;
        return errorHandler(logger)(localsError, req, res, _next);
      }
      renderSafely(res, logger, form.template, {
        ...extra,
        values: req.body ?? {},
        ...errorsForView(err.issues, err.message),
        errorDetails: err.details,
      });
      return;
    }
    renderSafely(res, logger, 'errors/problem.njk', { status, message: err.message });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', 'Page not found.'));
};
