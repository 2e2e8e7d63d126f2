/**
 * The one error taxonomy of the platform. Services throw AppError with a kind; the HTTP layer maps
 * kinds to status codes in one place (src/http/error-handler.ts); the CLI prints message and details.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface ErrorDetail {
  /** Path of the offending field, e.g. `[3].amount` or `rule.conditions.all[1].op`. */
  path?: string;
  message: string;
  [k: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Stable machine-readable code; defaults to the kind. */
    readonly code: string = kind,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) => new AppError('not_found', `${what} ${id} not found`);
export const forbidden = (message = 'not permitted') => new AppError('forbidden', message);
export const validation = (message: string, details: ErrorDetail[] = []) => new AppError('validation', message, details);
/** A schema's problems (zod's `error.issues`) as error details: the dotted path and the message. */
export const issueDetails = (issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): ErrorDetail[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
export const conflict = (message: string, details: ErrorDetail[] = []) => new AppError('conflict', message, details);

export const HTTP_STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};
