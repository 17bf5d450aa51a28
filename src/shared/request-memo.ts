import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** Per request: for each database handle, each read's key → its pending or settled result. */
type Memo = WeakMap<object, Map<string, Promise<unknown>>>;

const current = new AsyncLocalStorage<Memo>();

/**
 * Runs `fn` with a read memo of its own: within it, `memoRead` answers a read asked for again (same
 * handle, same key) with the first answer instead of running the statement again. For GET
 * requests (see `requestMemo`), jobs and CLI commands that read a report more than once.
 */
export const withReadMemo = <T>(fn: () => T): T => current.run(new WeakMap(), fn);

/**
 * Express middleware: every GET (and HEAD) request runs with a read memo (issue 19). A staff page is
 * assembled from services that each read what they need: the committee table's period counts are
 * read by the table and again by the net carers figures beside it, the figures' status by every
 * service on the dashboard, a household's enquiry by each section of its page. Writes never run
 * under a GET, so a read cannot miss a change the same request made; other requests' changes are
 * seen no later than before (each request starts with an empty memo).
 */
export function requestMemo(req: Request, _res: Response, next: NextFunction) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  current.run(new WeakMap(), next);
}

/**
 * `load()`'s result, or the result of the same read made earlier in this request (`key` must name
 * the read and every argument it depends on; `db` is the handle it runs on, so a read inside a
 * transaction never shares with one outside it). Outside a memo, just `load()`. A failed read is
 * forgotten, so a later caller tries again. Results are shared, so callers must not change them.
 */
export function memoRead<T>(db: object, key: string, load: () => PromiseLike<T>): Promise<T> {
  const memo = current.getStore();
  if (!memo) return Promise.resolve(load());
  let reads = memo.get(db);
  if (!reads) memo.set(db, (reads = new Map()));
  const known = reads.get(key);
  if (known) return known as Promise<T>;
  // A Promise of its own: Drizzle's query builders are thenables that run their statement again
  // on every `then`, so sharing the builder itself would run it once per caller.
  const loading = Promise.resolve(load());
  reads.set(key, loading);
  loading.catch(() => reads.delete(key));
  return loading;
}
