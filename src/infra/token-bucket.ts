import type { Redis } from 'ioredis';

/**
 * Takes up to ARGV[1] tokens (a negative number gives tokens back) from the bucket at KEYS[1],
 * which holds at most ARGV[2] and refills ARGV[3] per millisecond, on Redis's own clock (so every
 * process agrees). Returns { granted, milliseconds until one more token }.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or capacity
local at = tonumber(stored[2]) or now
if now > at then tokens = math.min(capacity, tokens + (now - at) * rate) end
local want = tonumber(ARGV[1])
local granted = want
if want > 0 then granted = math.min(want, math.floor(tokens)) end
tokens = math.min(capacity, tokens - granted)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 60000)
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) / rate) end
return { granted, wait }`;

export interface TokenBucket {
  /** Takes up to `n` tokens now; `waitMs` is how long until the next one when none are left. */
  take(n: number): Promise<{ granted: number; waitMs: number }>;
  /** Returns tokens taken but not used. */
  giveBack(n: number): Promise<void>;
}

/**
 * A token bucket in Redis, shared by every process using the same key: `perMinute` tokens a
 * minute, refilled continuously, with at most `burst` saved up.
 */
export function tokenBucket(redis: Redis, key: string, perMinute: number, burst: number): TokenBucket {
  const rate = perMinute / 60_000;
  const run = async (n: number) => {
    const [granted, waitMs] = (await redis.eval(TAKE, 1, key, n, burst, rate)) as [number, number];
    return { granted: Number(granted), waitMs: Number(waitMs) };
  };
  return {
    take: (n) => run(n),
    giveBack: async (n) => {
      if (n > 0) await run(-n);
    },
  };
}
