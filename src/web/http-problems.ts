/**
 * Errors that are not AppErrors but are still the client's fault or a passing outage, mapped to an
 * HTTP answer so that none of them becomes a 500:
 * - http-errors from Express's own parts (body-parser, serve-static, the router's percent-decoding of
 *   path parameters), which carry a 4xx `status` and a `type`;
 * - the database being unreachable, which is a 503 with `Retry-After` (clients and people try again).
 */
export interface Problem {
  status: number;
  /** Machine-readable code for the API's `error.code`. */
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Seconds a client should wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 30;

const bodyProblems: Record<string, Omit<Problem, 'status'> & { status: number }> = {
  'entity.too.large': { status: 413, code: 'too_large', message: 'The request is too large.' },
  'parameters.too.many': {
    status: 413,
    code: 'too_large',
    message: 'The form has too many fields.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported_media_type',
    message: 'The request body uses an encoding this service does not accept.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'unsupported_media_type',
    message: 'The request body uses a character set this service does not accept.',
  },
};

/** A 4xx http-error raised by Express or its middleware, as a Problem; undefined for anything else. */
export function clientProblem(err: unknown): Problem | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const { status, type } = err as { status?: unknown; type?: unknown };
  if (typeof type === 'string' && bodyProblems[type]) return bodyProblems[type];
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (err instanceof URIError) {
    return { status: 400, code: 'bad_request', message: 'The web address is not valid.' };
  }
  if (status === 413) return bodyProblems['entity.too.large'];
  if (status === 415) return bodyProblems['charset.unsupported'];
  // serve-static answers 403 for a path that tries to leave its folder: as far as anyone outside
  // knows, such a file does not exist.
  if (status === 404 || status === 403 || status === 405) {
    return { status: 404, code: 'not_found', message: 'Page not found.' };
  }
  return { status: 400, code: 'bad_request', message: 'The request is not valid.' };
}

/** Connection-level failures: the server is down, restarting, refusing or full (SQLSTATE classes 08, 57P, 53300). */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const OUTAGE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|Cannot use a pool after calling end|PGlite is closed|Client was closed and is not queryable|not queryable/i;

/** True when `err` (or any error in its `cause` chain, e.g. inside Drizzle's query error) means the database is unreachable. */
export function isDatabaseOutage(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string' && (OUTAGE_CODES.has(code) || /^08/.test(code))) return true;
    if (typeof message === 'string' && OUTAGE_MESSAGES.test(message)) return true;
    // Node's AggregateError from a connection attempt to several addresses (IPv4 and IPv6).
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseOutage(inner))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export const outageProblem: Problem = {
  status: 503,
  code: 'unavailable',
  message: 'The service is unavailable for a moment. Try again in a minute.',
  headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
};

/**
 * Text PostgreSQL cannot store (a NUL character: SQLSTATE 22021, 22P05) or a value past its limits
 * (54000): the input's fault, so a 422 rather than a 500, whichever route let it through.
 */
export function unstorableInputProblem(err: unknown): Problem | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '22021' || code === '22P05' || code === '54000') {
      return {
        status: 422,
        code: 'validation',
        message: 'Some of the information contains characters that are not allowed, or is too long.',
      };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
