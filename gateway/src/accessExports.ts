import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ErrorCode, sendError, type ExtraRoute, type Logger } from '@civic/runtime';
import { GraphQLError } from 'graphql';
import { request } from 'undici';
import type { GatewayContext } from './context.js';

/**
 * The access service's downloads, at the gateway and on the access service alike: the audit trail as CSV
 * (data officers), the data catalogue as CSV and JSON (anyone signed in).
 */
export const ACCESS_EXPORT_PATHS = ['/exports/audit.csv', '/exports/catalogue.csv', '/exports/catalogue.json'] as const;

/** The access service's headers a download keeps: what it is, under which name, and that it is not to be cached. */
const FORWARDED_HEADERS = ['content-type', 'content-disposition', 'cache-control'] as const;

export interface AccessExportOptions {
  /** The access subgraph's URL (its /graphql): the export is on the same server. */
  accessUrl: string;
  /** The checks /graphql makes (the user's token, a stated purpose, rate limits) and the gateway-issued identity. */
  authenticate: (req: IncomingMessage) => Promise<GatewayContext>;
  /** How long the access service may take to begin its answer (GATEWAY_SUBGRAPH_TIMEOUT_MS). */
  answerTimeoutMs: number;
  logger: Logger;
}

function accessFailure(error: unknown, timeoutMs: number): GraphQLError {
  const timedOut = (error as { name?: string }).name === 'HeadersTimeoutError';
  return new GraphQLError(timedOut ? `The access subgraph did not begin the export within ${timeoutMs} ms` : 'The access subgraph could not be reached', {
    extensions: {
      code: timedOut ? ErrorCode.SubgraphTimeout : ErrorCode.SubgraphUnavailable,
      service: 'access',
      retryable: true,
      http: { status: timedOut ? 504 : 503 },
    },
  });
}

/**
 * GET one of ACCESS_EXPORT_PATHS (e.g. /exports/audit.csv: the audit trail the caller may see), streamed from the access service. The
 * user's token is checked as on /graphql, and the access service, which accepts only the gateway's
 * identity, decides what the caller may see and checks the filter; its refusals (401, 403, 400 with
 * the parameter named) come back as it gave them. The body is piped through with backpressure: the
 * gateway holds no more than its socket buffers, and a client that goes away closes the access
 * service's connection, which stops its query. No deadline applies to the body: a big export read
 * slowly takes as long as the client takes.
 */
export function accessExportRoute(path: (typeof ACCESS_EXPORT_PATHS)[number], options: AccessExportOptions): ExtraRoute {
  return async (req, res) => {
    let context: GatewayContext;
    try {
      if (req.method !== 'GET') throw new GraphQLError(`${path} is read with GET`, { extensions: { code: ErrorCode.BadUserInput, http: { status: 405, headers: new Map([['allow', 'GET']]) } } });
      context = await options.authenticate(req);
    } catch (error) {
      if (error instanceof GraphQLError) return sendError(res, error);
      throw error;
    }
    const source = new URL(path, options.accessUrl);
    source.search = new URL(req.url ?? '/', 'http://gateway').search;
    const left = new AbortController();
    res.once('close', () => left.abort());
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      answer = await request(source, {
        headers: { authorization: context.subgraphAuthorization },
        signal: left.signal,
        headersTimeout: options.answerTimeoutMs,
        // Backpressure pauses the body whenever the client reads slowly; a body timeout would cut those exports.
        bodyTimeout: 0,
      });
    } catch (error) {
      if (left.signal.aborted) return;
      options.logger.warn({ err: error }, 'audit export: the access subgraph did not answer');
      return sendError(res, accessFailure(error, options.answerTimeoutMs));
    }
    const headers = Object.fromEntries(FORWARDED_HEADERS.flatMap((name) => (answer.headers[name] === undefined ? [] : [[name, answer.headers[name]!]])));
    res.writeHead(answer.statusCode, headers);
    // A failure on either side destroys both: a cut export reaches the client as a cut transfer, never as a whole file.
    await pipeline(answer.body, res).catch((error: unknown) => {
      if (!left.signal.aborted) options.logger.warn({ err: error }, 'audit export cut');
    });
  };
}
