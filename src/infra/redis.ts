import { Redis, type RedisOptions } from 'ioredis';

/** Connection options for BullMQ workers: blocking commands must be retried forever. */
export const workerRedisOptions = (url: string): RedisOptions & { url: string } => ({
  url,
  maxRetriesPerRequest: null,
});

/**
 * The app's own client (rate limits, health). Commands fail fast while Redis is away instead of
 * queueing, so a request never hangs on a Redis outage.
 */
export function createAppRedis(url: string): Redis {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  client.on('error', () => undefined); // reconnection is automatic; health checks report the outage
  return client;
}
