import { Router } from 'express';
import type { AppDeps } from '../deps.ts';

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

/** `GET /healthz`: 200 when the database and Redis answer, 503 naming the part that does not. */
export function healthRouter(deps: AppDeps) {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [db, redis] = await Promise.all([
      withTimeout(deps.database.ping(), 2000).then(
        () => 'ok',
        () => 'unavailable',
      ),
      withTimeout(deps.redis.ping(), 2000).then(
        (pong) => (pong === 'PONG' ? 'ok' : 'unavailable'),
        () => 'unavailable',
      ),
    ]);
    const healthy = db === 'ok' && redis === 'ok';
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'unavailable', db, redis });
  });
  return router;
}
