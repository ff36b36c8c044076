import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLError } from 'graphql';
import { DrainingServer } from './drain.js';
import { cancelOnDeadlineOrDisconnect, ClientDisconnected, RequestDeadlineExceeded, untilAborted, withRequestSignal } from './cancellation.js';
import { ErrorCode } from './errors.js';
import { corsGate, setSecurityHeaders } from './httpEdge.js';
import type { Logger } from './logger.js';
import { graphqlRequestsInFlight, inBackground } from './metrics.js';
import { traceRequest } from './observability/tracing.js';

const MAX_BODY_BYTES = 1024 * 1024;

export type ExtraRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: ContextFunction<[IncomingMessage], TContext>;
  /** Routes besides /graphql, by path (e.g. /health, /metrics). */
  routes?: Record<string, ExtraRoute>;
  /** Routes for every path under a prefix (`/console` answers `/console/...`) that no exact route answers. */
  prefixRoutes?: Record<string, ExtraRoute>;
  logger: Logger;
  /** The deadline of each GraphQL request: past it the answer is a 504 and the request's signal aborts its work. */
  requestTimeoutMs: number;
  /** Origins whose browser apps may call (see corsGate); unset, the server knows nothing of CORS (subgraphs are not for browsers). */
  corsOrigins?: readonly string[];
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The HTTP status of an error raised before an answer began: its own (`extensions.http.status`), else by its code. */
const STATUS_OF_CODE: Record<string, number> = { [ErrorCode.BadUserInput]: 400, [ErrorCode.Unauthenticated]: 401, [ErrorCode.Forbidden]: 403, [ErrorCode.NotFound]: 404, [ErrorCode.RateLimited]: 429 };

/**
 * Answers a route that is not GraphQL with one error, shaped as a GraphQL answer's `errors` (message,
 * `extensions.code` and, for a bad input, `extensions.field`), so clients read every refusal alike.
 */
export function sendError(res: ServerResponse, error: GraphQLError): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } } & Record<string, unknown>;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  const status = http?.status ?? STATUS_OF_CODE[String(extensions.code)] ?? 500;
  sendJson(res, status, { errors: [{ message: error.message, extensions }] });
}

async function parseBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const text = await readBody(req);
  if (!text) return undefined;
  const type = req.headers['content-type'] ?? '';
  return type.includes('application/json') ? JSON.parse(text) : text;
}

async function handleGraphql<TContext extends BaseContext>(
  options: HttpServerOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let body: unknown;
  try {
    body = await parseBody(req);
  } catch (error) {
    const tooLarge = error instanceof BodyTooLarge;
    sendJson(res, tooLarge ? 413 : 400, {
      errors: [
        {
          message: tooLarge ? `Request body exceeds ${MAX_BODY_BYTES} bytes` : 'Request body is not valid JSON',
          extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' },
        },
      ],
    });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const cancellation = cancelOnDeadlineOrDisconnect(res, options.requestTimeoutMs);
  let response: Awaited<ReturnType<typeof options.apollo.executeHTTPGraphQLRequest>>;
  try {
    const executing = withRequestSignal(cancellation.signal, () =>
      options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers: headerMapOf(req), search: url.search, body },
        context: () => options.context(req),
      }),
    );
    response = await untilAborted(cancellation.signal, executing);
  } catch (error) {
    if (error instanceof RequestDeadlineExceeded) {
      sendJson(res, 504, { errors: [{ message: error.message, extensions: { code: ErrorCode.RequestTimeout, timeoutMs: error.timeoutMs } }] });
      return;
    }
    if (error instanceof ClientDisconnected) return;
    throw error;
  } finally {
    cancellation.dispose();
  }
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function prefixRouteOf(routes: Record<string, ExtraRoute> | undefined, path: string): ExtraRoute | undefined {
  for (const [prefix, route] of Object.entries(routes ?? {})) if (path.startsWith(`${prefix}/`)) return route;
  return undefined;
}

/** Every service's readiness probe: while it drains, the server itself answers it. */
const READINESS_PATH = '/readyz';

/**
 * A plain Node HTTP server: /graphql through Apollo Server, plus a few operational routes. It drains
 * when stopped (see DrainingServer); meanwhile /readyz answers 503 "draining".
 */
export function createHttpServer<TContext extends BaseContext>(options: HttpServerOptions<TContext>): DrainingServer {
  const answeredCors = options.corsOrigins ? corsGate(options.corsOrigins) : undefined;
  const server: DrainingServer = new DrainingServer((req, res) => {
    setSecurityHeaders(req, res);
    if (answeredCors?.(req, res)) return;
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === READINESS_PATH && server.draining) {
      sendJson(res, 503, { status: 'draining' });
      return;
    }
    const route = path === '/graphql' ? (rq: IncomingMessage, rs: ServerResponse) => traceRequest(rq, rs, () => handleGraphql(options, rq, rs)) : (options.routes?.[path] ?? prefixRouteOf(options.prefixRoutes, path));
    if (!route) {
      sendJson(res, 404, { error: `No route ${path}; GraphQL is served at /graphql` });
      return;
    }
    if (path === '/graphql') {
      graphqlRequestsInFlight.inc();
      res.once('close', () => graphqlRequestsInFlight.dec());
    }
    // Only GraphQL requests count as request work in the SQL metrics; operational routes are background.
    const handled = path === '/graphql' ? Promise.resolve(route(req, res)) : inBackground(async () => route(req, res));
    handled.catch((error: unknown) => {
      options.logger.error({ err: error, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
