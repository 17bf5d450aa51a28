import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A 256-bit random token, URL-safe. */
export const randomToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');

/** Tokens are stored only as SHA-256: a database leak does not leak usable sessions or API tokens. */
export const sha256 = (value: string | Uint8Array) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
