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
