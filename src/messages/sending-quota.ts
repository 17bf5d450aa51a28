import type { AppDeps } from '../deps.ts';
import { tokenBucket } from '../infra/token-bucket.ts';

/**
 * The mail provider's quota (`SMTP_MAX_PER_MINUTE`), counted in messages, not jobs, and held in
 * Redis across every worker: a steady rate, with at most ten seconds' worth sent at once (so no
 * minute carries more than the quota and a sixth).
 */
export function sendingQuota(deps: Pick<AppDeps, 'redis' | 'queues' | 'config'>) {
  const perMinute = deps.config.SMTP_MAX_PER_MINUTE;
  return tokenBucket(
    deps.redis,
    `${deps.queues.prefix}:mail:sending-quota`,
    perMinute,
    Math.max(1, Math.ceil(perMinute / 6)),
  );
}
