import { GraphQLError } from 'graphql';

/** Error codes a client can act on; every error the platform raises carries one of them. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  InsufficientStock: 'INSUFFICIENT_STOCK',
  IllegalTransition: 'ILLEGAL_TRANSITION',
  /** A subgraph could not be reached: by the gateway (`extensions.service` names it), or by a service consulting the owner of a referenced record (nothing was done). */
  SubgraphUnavailable: 'SUBGRAPH_UNAVAILABLE',
  /** The gateway refused an operation before planning it: too deep, too costly, too many aliases... (`extensions.limit`). */
  OperationLimitExceeded: 'OPERATION_LIMIT_EXCEEDED',
  /** The caller's or their department's request budget is used up (HTTP 429 with Retry-After). */
  RateLimited: 'RATE_LIMITED',
  /** The whole request passed its deadline (the gateway's, or a subgraph's own). */
  RequestTimeout: 'REQUEST_TIMEOUT',
  /** The gateway gave up waiting for one subgraph; `extensions.service` names it. */
  SubgraphTimeout: 'SUBGRAPH_TIMEOUT',
  /** A statement ran past the statement timeout, or no database connection came free in time. */
  DatabaseTimeout: 'DATABASE_TIMEOUT',
  /** The service's database refused, dropped or shut down the connection (restarting, failing over, gone). */
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  /** The request's statement was cancelled because its deadline passed or its client left. */
  RequestCancelled: 'REQUEST_CANCELLED',
  /** The caller's department must run reviewed operations only (TRUSTED_OPERATIONS_REQUIRED), and this one is not in the manifest. */
  OperationNotTrusted: 'OPERATION_NOT_TRUSTED',
  /** A report run read more rows than REPORT_MAX_ROWS: narrow it (its variables) or raise the limit. */
  ReportTooLarge: 'REPORT_TOO_LARGE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Codes of transient failures: the same request, sent again unchanged a little later, may well succeed.
 * Errors with these codes carry `extensions.retryable: true`, so a client need not know the list.
 */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  ErrorCode.SubgraphUnavailable,
  ErrorCode.SubgraphTimeout,
  ErrorCode.DatabaseUnavailable,
  ErrorCode.DatabaseTimeout,
]);

export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: ErrorCode.BadUserInput, field },
  });
}

export function notFound(what: string, id: string, field?: string): GraphQLError {
  return new GraphQLError(`${what} ${id} does not exist`, {
    extensions: { code: ErrorCode.NotFound, ...(field ? { field } : {}) },
  });
}

export function conflict(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Authentication required: ${reason}`, {
    extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
  });
}
