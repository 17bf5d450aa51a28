import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.ts';

export interface Limit {
  /** Redis key; callers hash anything personal (emails) before it goes into a key. */
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in Redis, shared by every web replica. If Redis is unreachable the
 * limiter lets the request through and logs it: a Redis restart must not lock staff out.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly prefix: string,
  ) {}

  /** Counts one hit; returns false once the limit is exceeded. */
  async hit(limit: Limit): Promise<boolean> {
    try {
      const key = this.prefix + limit.key;
      const results = await this.redis.multi().incr(key).expire(key, limit.windowSeconds, 'NX').exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return count <= limit.max;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'rate limiter unavailable; allowing request');
      return true;
    }
  }

  /** True while the limit is exceeded, without counting a hit. */
  async exceeded(limit: Limit): Promise<boolean> {
    try {
      const count = Number((await this.redis.get(this.prefix + limit.key)) ?? 0);
      return count >= limit.max;
    } catch {
      return false;
    }
  }

  async reset(key: string) {
    await this.redis.del(this.prefix + key).catch(() => undefined);
  }
}

/**
 * The limiter key of a client address: one form per client. An IPv4 address seen through an IPv6
 * socket (`::ffff:192.0.2.1`) is the IPv4 address; an IPv6 client is its /64 network, because
 * one home or phone is given a whole /64 and could otherwise take a fresh address per guess.
 */
export function clientKey(ip: string | undefined) {
  if (!ip) return 'unknown';
  const lowered = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lowered);
  if (mapped) return mapped[1]!;
  if (!lowered.includes(':')) return lowered;
  const [head = '', tail = ''] = lowered.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = lowered.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
