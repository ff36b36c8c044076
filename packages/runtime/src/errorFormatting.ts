import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { currentRequestSignal } from './cancellation.js';
import { ErrorCode, RETRYABLE_CODES } from './errors.js';
import type { Logger } from './logger.js';

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_STOCK',
  'ILLEGAL_TRANSITION',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'DOWNSTREAM_SERVICE_ERROR',
  'AUDIT_UNAVAILABLE',
  'SUBGRAPH_UNAVAILABLE',
  'OPERATION_LIMIT_EXCEEDED',
  'RATE_LIMITED',
  'PURPOSE_CATALOGUE_UNAVAILABLE',
  ErrorCode.OperationNotTrusted,
  ErrorCode.ReportTooLarge,
  ErrorCode.RequestTimeout,
  ErrorCode.SubgraphTimeout,
  ErrorCode.DatabaseTimeout,
  ErrorCode.DatabaseUnavailable,
  ErrorCode.RequestCancelled,
]);

interface DatabaseFailure {
  code: ErrorCode;
  message: string;
}

const QUERY_CANCELED = '57014';
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The database, not the statement, failed: SQLSTATE class 08 (connection exception), 57P01-57P03
 * (administrator or crash shutdown, cannot connect now: a restart or failover), 53300 (too many
 * connections); the system errors of a refused, reset or unresolvable connection; pg's and PGlite's
 * words for a connection or database that is gone.
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SYSTEM_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /^(Connection terminated|Client has encountered a connection error|PGlite is closed)/;

/**
 * Database errors a client should hear about by name, told apart by SQLSTATE, system error code and
 * pg's messages (MikroORM copies the driver error's `code` and message). Never the SQL or its parameters.
 */
export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code } = cause as { code?: unknown };
    if ((code === QUERY_CANCELED && /statement timeout/.test(cause.message)) || code === LOCK_NOT_AVAILABLE) {
      return { code: ErrorCode.DatabaseTimeout, message: 'The database did not finish the statement within its statement timeout' };
    }
    if (code === QUERY_CANCELED) return { code: ErrorCode.RequestCancelled, message: 'The statement was cancelled: the request passed its deadline or its client left' };
    if (/^(timeout exceeded when trying to connect|Connection terminated due to connection timeout)/.test(cause.message)) {
      return { code: ErrorCode.DatabaseTimeout, message: 'No database connection came free within the pool acquire timeout' };
    }
    const unavailable =
      (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_SYSTEM_ERRORS.has(code))) || UNAVAILABLE_MESSAGES.test(cause.message);
    if (unavailable) return { code: ErrorCode.DatabaseUnavailable, message: 'The database is unavailable (restarting, failing over or unreachable); retry shortly' };
  }
  return undefined;
}

/** A transient failure says so (see RETRYABLE_CODES). */
function markingRetryable(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code) ? { ...formatted, extensions: { ...formatted.extensions, retryable: true } } : formatted;
}

/**
 * Errors the platform raised on purpose reach the client as they are; anything else (a database
 * error, a bug) is logged in full and reaches the client only as a generic message, so that no SQL,
 * stack or data value leaks. Transient failures are marked retryable.
 */
export function formatErrorFor(logger: Logger) {
  const format = clientFacing(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => markingRetryable(format(formatted, error));
}

function clientFacing(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    const location = { ...(formatted.path ? { path: formatted.path } : {}), ...(formatted.locations ? { locations: formatted.locations } : {}) };
    const abandoned = currentRequestSignal()?.reason as Error | undefined;
    if (abandoned) {
      // Whatever failed after the request was abandoned failed because of it (a cancelled statement, a refused one); nobody reads this answer.
      logger.debug({ err: original, path: formatted.path, reason: abandoned.message }, 'work of an abandoned request stopped');
      return { message: abandoned.message, ...location, extensions: { code: ErrorCode.RequestCancelled } };
    }
    const database = databaseFailureOf(original);
    if (database) {
      logger.warn({ err: original, path: formatted.path, code: database.code }, database.message);
      return { message: database.message, ...location, extensions: { code: database.code } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      ...location,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
