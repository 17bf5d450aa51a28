import type { RequestHandler } from 'express';
import { sha256 } from '../shared/tokens.ts';
import type { AppDeps } from '../deps.ts';
import { beforeEnd, canonicalJson } from './before-end.ts';
import { AppError } from '../shared/errors.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  dropStaleIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
  sweepExpired,
} from '../idempotency/idempotency.repo.ts';

/** Keys are kept for 24 hours (IETF httpapi idempotency-key draft; Stripe does the same). */
export const KEY_TTL_SECONDS = 24 * 3600;
/** A key still in flight after this long belongs to a process that died; it may be used again. */
const ABANDONED_SECONDS = 120;
const SWEEP_EVERY_MS = 10 * 60_000;

/** The header's value: a structured-field string (`"abc"`, as the draft writes it) or the bare text. */
export function parseIdempotencyKey(raw: string): string | undefined {
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(raw.trim());
  const key = quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : raw.trim();
  return /^[\x21-\x7e]{1,255}$/.test(key) ? key : undefined;
}

/**
 * `Idempotency-Key` on API POSTs. The first request with a key runs; its successful answer (status
 * and JSON body) is kept and returned to every repeat by the same user with the same method, path and
 * body, which creates nothing more. The same key with a different request is a 422; a repeat while
 * the first is still running is a 409. An error answer is not kept: the key frees, so the client can
 * correct the request and send it again. Without the header nothing changes.
 */
export function idempotencyKeys(deps: Pick<AppDeps, 'db' | 'logger'>): RequestHandler {
  let lastSweep = 0;
  return async (req, res, next) => {
    const raw = req.get('idempotency-key');
    if (req.method !== 'POST' || raw === undefined || !req.user) return next();
    const key = parseIdempotencyKey(raw);
    if (!key) {
      const message = 'The Idempotency-Key header must be 1 to 255 printable characters';
      throw new AppError('validation', `${message}.`, { issues: [{ path: 'Idempotency-Key', message }] });
    }
    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      void sweepExpired(deps.db, KEY_TTL_SECONDS).catch(() => undefined);
    }
    const userId = req.user.id;
    // An uploaded file (multipart, read before this check) is part of the request: a different file
    // under the same key is a different request.
    const file = req.file ? `\n${sha256(req.file.buffer)}` : '';
    const hash = sha256(`${req.method} ${req.originalUrl}\n${canonicalJson(req.body ?? null)}${file}`);
    await dropStaleIdempotencyKey(deps.db, userId, key, KEY_TTL_SECONDS, ABANDONED_SECONDS);
    let claimed = await claimIdempotencyKey(deps.db, userId, key, hash);
    let first = claimed ? undefined : await findIdempotencyKey(deps.db, userId, key);
    // Freed by a failed first request between the two statements: claim it now.
    if (!claimed && !first) claimed = await claimIdempotencyKey(deps.db, userId, key, hash);
    if (!claimed) {
      first ??= await findIdempotencyKey(deps.db, userId, key);
      if (first && first.requestHash !== hash) {
        const message = 'This Idempotency-Key was already used with a different request';
        throw new AppError('validation', `${message}. Use a new key for a new request.`, {
          issues: [{ path: 'Idempotency-Key', message }],
        });
      }
      if (!first || first.state !== 'done') {
        throw new AppError(
          'conflict',
          'A request with this Idempotency-Key is still being processed. Try again shortly.',
        );
      }
      res.set('Idempotent-Replayed', 'true').status(first.responseStatus ?? 200);
      return first.responseBody === null ? res.end() : res.json(first.responseBody);
    }

    let body: unknown = null;
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      body = value;
      return json(value);
    };
    beforeEnd(res, deps.logger, async () => {
      if (res.statusCode >= 200 && res.statusCode < 300) {
        await completeIdempotencyKey(deps.db, userId, key, { status: res.statusCode, body });
      } else {
        await releaseIdempotencyKey(deps.db, userId, key);
      }
    });
    next();
  };
}
