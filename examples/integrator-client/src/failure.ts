import { ApolloError } from '@apollo/client/core/index.js';

/** What the gateway (or the network) said when a request got no usable answer. */
export interface Reported {
  code: string;
  message: string;
}

/** A request that got no usable answer: main prints each `CODE: message` on stderr and exits 1. */
export class RequestFailed extends Error {
  constructor(readonly reported: Reported[]) {
    super(reported.map((r) => `${r.code}: ${r.message}`).join('\n'));
  }
}

interface ErrorBody {
  errors?: { message?: string; extensions?: { code?: unknown } }[];
}

/** The errors in a body shaped `{ errors: [{ message, extensions: { code } }] }`, as the gateway sends them. */
export function reportedInBody(body: unknown): Reported[] {
  const errors = (body as ErrorBody | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => ({ code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'ERROR', message: e.message ?? 'no message' }));
}

/** fetch's own failure (refused connection, DNS, TLS) names what went wrong only in its `cause`. */
export function networkFailure(error: unknown): RequestFailed {
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return new RequestFailed([{ code: 'NETWORK_ERROR', message: cause ? `${message} (${cause})` : message }]);
}

/** A query Apollo Client could not complete: a refused request (401, 400, a gateway down) as a RequestFailed with the gateway's codes. */
export function refusedQuery(error: unknown): unknown {
  if (!(error instanceof ApolloError) || !error.networkError) return error;
  // A non-2xx answer: Apollo's ServerError carries the status and the parsed body.
  const { statusCode, result } = error.networkError as { statusCode?: number; result?: unknown };
  if (statusCode === undefined) return networkFailure(error.networkError);
  const reported = reportedInBody(result);
  return new RequestFailed(reported.length ? reported : [{ code: `HTTP_${statusCode}`, message: error.networkError.message }]);
}
