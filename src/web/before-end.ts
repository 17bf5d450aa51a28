import type { Response } from 'express';
import type { Logger } from '../shared/logger.ts';

/**
 * Runs `work` once the handler has decided its answer (status, headers, body) and before that answer
 * leaves the server, so whatever `work` records is in place when the client can act on the answer
 * (a replay that follows it finds the outcome stored). A failure of `work` is logged; the answer is
 * still sent.
 */
export function beforeEnd(res: Response, logger: Logger, work: () => Promise<void>) {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  let done = false;
  res.end = ((...args: unknown[]) => {
    if (done) return end(...args);
    done = true;
    void work()
      .catch((err: unknown) => logger.error({ err }, 'could not record the outcome of a request'))
      .finally(() => end(...args));
    return res;
  }) as Response['end'];
}

/** SHA-256-ready text of a request's fields, independent of key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
