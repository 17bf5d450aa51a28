import { createHmac } from 'node:crypto';
import { safeEqual } from '../auth/tokens.ts';

/** People take longer than this to fill in the form; scripts do not. */
export const MIN_FILL_SECONDS = 3;

/**
 * A tamper-proof "form shown at" stamp, signed with the visitor's own CSRF secret so it needs no
 * server-wide key and cannot be reused by another visitor.
 */
export const formStartedToken = (csrfSecret: string, now = Date.now()) =>
  `${now}.${createHmac('sha256', csrfSecret).update(String(now)).digest('base64url')}`;

/** Why a submission looks automated, or undefined when it looks human. */
export function spamReason(
  body: Record<string, unknown>,
  csrfSecret: string,
  now = Date.now(),
): string | undefined {
  if (typeof body.website === 'string' && body.website.trim() !== '') return 'honeypot';
  const [stamp, signature] = String(body.startedAt ?? '').split('.');
  const expected = createHmac('sha256', csrfSecret).update(String(stamp)).digest('base64url');
  if (!stamp || !signature || !safeEqual(signature, expected)) return 'bad_timing_token';
  if (now - Number(stamp) < MIN_FILL_SECONDS * 1000) return 'too_fast';
  return undefined;
}
