/** Error codes a service may throw; the HTTP layer maps each to a status in one place. */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited';

export interface FieldIssue {
  /** Dotted path to the field, e.g. `applicants.0.email`; empty for the whole input. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly issues: FieldIssue[];
  /** Extra machine-readable detail for API clients (e.g. duplicate candidate ids). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.issues = options.issues ?? [];
    this.details = options.details;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);

/** A validation error about a single field, for rules zod cannot express (e.g. "not before the last event"). */
export const fieldError = (path: string, message: string) =>
  new AppError('validation', message, { issues: [{ path, message }] });
