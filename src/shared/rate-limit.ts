import type { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

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
