import type { RequestHandler, Response } from 'express';
import { sha256 } from '../shared/tokens.ts';
import type { AppDeps } from '../deps.ts';
import { beforeEnd, canonicalJson } from './before-end.ts';
import { AppError } from '../shared/errors.ts';
import {
  claimSubmission,
  completeSubmission,
  dropAbandonedSubmission,
  findSubmission,
  releaseSubmission,
  sweepExpired,
} from '../idempotency/idempotency.repo.ts';

/** The hidden field every form carries (views/partials/csrf.njk renders it; the `submissionToken()` global in views.ts makes it). */
export const SUBMISSION_FIELD = '_submission';
const TOKEN = /^[A-Za-z0-9_-]{16,100}$/;
/** How long a repeat waits for the first post of the same form to finish. */
const WAIT_MS = 15_000;
/** A claim still pending after this long belongs to a process that died. */
const ABANDONED_SECONDS = 120;
/** Used tokens are forgotten after a day (as API idempotency keys are). */
export const TOKEN_TTL_SECONDS = 24 * 3600;
const SWEEP_EVERY_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Single-use form submissions. A form posted twice (a double click, a retry, a second tab) is
 * handled once: the repeat waits for the first to finish and is sent where the first went
 * (its redirect), or told the form was already sent. The claim is a primary-key insert, so two
 * concurrent posts cannot both pass. An error answer frees the token, so the corrected form can be
 * sent again; the same token with different fields (the person went back and changed them) is a
 * new submission, never silently dropped.
 */
export function submissionTokenGuard(deps: Pick<AppDeps, 'db' | 'logger'>): RequestHandler {
  let lastSweep = 0;
  return async (req, res, next) => {
    if (req.method !== 'POST' || !req.body || typeof req.body !== 'object') return next();
    const body = req.body as Record<string, unknown>;
    const token = body[SUBMISSION_FIELD];
    delete body[SUBMISSION_FIELD];
    if (typeof token !== 'string' || !TOKEN.test(token) || !req.csrfToken) return next();

    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      void sweepExpired(deps.db, TOKEN_TTL_SECONDS).catch(() => undefined);
    }
    const scope = sha256(req.csrfToken);
    // An uploaded file is part of what was sent: the same form with another file is a new submission.
    const file = req.file ? `\n${sha256(req.file.buffer)}` : '';
    const hash = sha256(`${req.path}\n${canonicalJson(body)}${file}`);
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      if (await claimSubmission(deps.db, scope, token, hash)) {
        beforeEnd(res, deps.logger, async () => {
          if (res.statusCode >= 400) return releaseSubmission(deps.db, scope, token);
          const location = res.getHeader('location');
          await completeSubmission(deps.db, scope, token, {
            status: res.statusCode,
            location: typeof location === 'string' ? location : null,
          });
        });
        return next();
      }
      const first = await findSubmission(deps.db, scope, token);
      if (!first) continue; // freed by a failed first post a moment ago: claim it now
      if (first.requestHash !== hash) {
        deps.logger.info('form token reused with different fields: handled as a new submission');
        return next();
      }
      if (first.state === 'done') return replay(res, first.location);
      await dropAbandonedSubmission(deps.db, scope, token, ABANDONED_SECONDS);
      await sleep(50);
    }
    next(
      new AppError(
        'conflict',
        'This form is still being sent. Wait a moment, then check whether it was saved.',
      ),
    );
  };
}

function replay(res: Response, location: string | null) {
  if (location) return res.redirect(303, location);
  res.render('errors/already-sent.njk');
}
