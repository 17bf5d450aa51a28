import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Logs carry no personal data: request bodies are never logged, query strings are dropped
 * (a search for a surname is personal data) and credentials are redacted as a second line of defence.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'foster-crm' },
      // Every logged error goes through safeError: a failed query's parameters never reach the log.
      serializers: { err: safeError, error: safeError },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'password',
          '*.password',
          'email',
          '*.email',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** The path of a URL without its query string. */
export const pathOnly = (url: string | undefined) => (url ?? '').split('?')[0];

/**
 * Parts of a database error that name the failure without holding the values involved. A failed
 * query's parameters (`DrizzleQueryError.params`, its message's `params:` line) and PostgreSQL's
 * `detail` (`Key (email)=(…) already exists`) can hold names and emails, so they are never kept.
 */
const SAFE_ERROR_FIELDS = [
  'code',
  'type',
  'status',
  'severity',
  'routine',
  'constraint',
  'table',
  'column',
  'schema',
] as const;

/** An error's message without any values: no `params:` line, no quoted literals or `(key)=(value)` pairs. */
export function safeMessage(message: string): string {
  return message
    .replace(/\n?params:[\s\S]*$/, '')
    .replace(/\)=\([^)]*\)/g, ')=([redacted])')
    .replace(/(:\s*)"(?:[^"\\]|\\.)*"/g, '$1"[redacted]"');
}

/**
 * pino serializer for errors (`err`, `error`), also given plain strings (`err: e.message`): keeps the
 * type, message (made safe), codes, stack frames and cause chain, and drops everything else.
 */
export function safeError(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return safeMessage(value);
  // Errors, and errors already turned into plain objects by pino's standard serializer (pino-http).
  if (!value || typeof value !== 'object' || depth > 4) return value;
  const record = value as Record<string, unknown>;
  if (!(value instanceof Error) && typeof record.message !== 'string') return value;
  const name = String(record.name ?? record.type ?? 'Error');
  const message = safeMessage(String(record.message));
  const frames = String(record.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line));
  const out: Record<string, unknown> = {
    type: name,
    message,
    stack: [`${name}: ${message}`, ...frames].join('\n'),
  };
  for (const field of SAFE_ERROR_FIELDS) {
    if (typeof record[field] === 'string' || typeof record[field] === 'number') out[field] = record[field];
  }
  // Drizzle's error keeps the SQL text (placeholders only) worth having; never its params.
  if (typeof record.query === 'string') out.query = record.query;
  if (record.cause !== undefined) out.cause = safeError(record.cause, depth + 1);
  return out;
}

/**
 * Makes a thrown error safe to keep (BullMQ stores a failed job's message and stack in Redis): drops
 * a failed query's parameters from its message and stack. Returns the same error, so its class
 * (e.g. UnrecoverableError) still decides what happens next.
 */
export function scrubError<T>(err: T): T {
  if (!(err instanceof Error)) return err;
  const safe = safeMessage(err.message);
  if (safe !== err.message) {
    if (err.stack) err.stack = err.stack.replace(err.message, safe);
    err.message = safe;
  }
  const record = err as unknown as Record<string, unknown>;
  if ('params' in record) record.params = undefined;
  if ('detail' in record) record.detail = undefined;
  if (err.cause !== undefined) scrubError(err.cause);
  return err;
}
