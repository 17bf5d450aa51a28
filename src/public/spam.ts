import { createHmac } from 'node:crypto';
import { safeEqual } from '../shared/tokens.ts';
import type { HoldReason } from './held-submissions.table.ts';

/** People take longer than this to fill in the form; scripts do not. */
export const MIN_FILL_SECONDS = 3;

/**
 * A tamper-proof "form shown at" stamp, signed with the visitor's own CSRF secret so it needs no
 * server-wide key and cannot be reused by another visitor.
 */
export const formStartedToken = (csrfSecret: string, now = Date.now()) =>
  `${now}.${createHmac('sha256', csrfSecret).update(String(now)).digest('base64url')}`;

/** The time (ms) in a stamp this visitor was given, or undefined when it is missing or forged. */
export function stampTime(value: unknown, csrfSecret: string): number | undefined {
  const [stamp, signature] = String(value ?? '').split('.');
  if (!stamp || !signature || !/^\d{1,15}$/.test(stamp)) return undefined;
  const expected = createHmac('sha256', csrfSecret).update(stamp).digest('base64url');
  return safeEqual(signature, expected) ? Number(stamp) : undefined;
}

/**
 * The stamp for a form shown again after an error: the one it was first shown with, so the time a
 * person spends correcting it counts and the timer never restarts; a new one when none came back.
 */
export const keptFormStamp = (value: unknown, csrfSecret: string) =>
  stampTime(value, csrfSecret) === undefined ? formStartedToken(csrfSecret) : String(value);

/**
 * Why a submission looks automated, or undefined when it looks human. A reason only ever holds a
 * submission for staff to review (held-submissions.service.ts); it never discards one.
 */
export function spamReason(
  body: Record<string, unknown>,
  csrfSecret: string,
  now = Date.now(),
): HoldReason | undefined {
  if (typeof body.website === 'string' && body.website.trim() !== '') return 'honeypot';
  const started = stampTime(body.startedAt, csrfSecret);
  if (started === undefined) return 'bad_timing_token';
  if (now - started < MIN_FILL_SECONDS * 1000) return 'too_fast';
  return undefined;
}
