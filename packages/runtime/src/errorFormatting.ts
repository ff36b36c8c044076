import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { currentRequestSignal } from './cancellation.js';
import { ErrorCode } from './errors.js';
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
  ErrorCode.RequestTimeout,
  ErrorCode.SubgraphTimeout,
  ErrorCode.DatabaseTimeout,
  ErrorCode.RequestCancelled,
]);

interface DatabaseFailure {
  code: ErrorCode;
  message: string;
}

const QUERY_CANCELED = '57014';
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Database errors a client should hear about by name, told apart by SQLSTATE and pg-pool's message
 * (MikroORM copies the driver error's `code` and message). Never the SQL or its parameters.
 */
export function databaseFailureOf(error: unknown): DatabaseFailure | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code } = cause as { code?: unknown };
    if ((code === QUERY_CANCELED && /statement timeout/.test(cause.message)) || code === LOCK_NOT_AVAILABLE) {
      return { code: ErrorCode.DatabaseTimeout, message: 'The database did not finish the statement within its statement timeout' };
    }
    if (code === QUERY_CANCELED) return { code: ErrorCode.RequestCancelled, message: 'The statement was cancelled: the request passed its deadline or its client left' };
    if (/timeout exceeded when trying to connect/.test(cause.message)) {
      return { code: ErrorCode.DatabaseTimeout, message: 'No database connection came free within the pool acquire timeout' };
    }
  }
  return undefined;
}

/**
 * Errors the platform raised on purpose reach the client as they are; anything else (a database
 * error, a bug) is logged in full and reaches the client only as a generic message, so that no SQL,
 * stack or data value leaks.
 */
export function formatErrorFor(logger: Logger) {
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
