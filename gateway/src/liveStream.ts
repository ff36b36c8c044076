import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { BodyTooLarge, ErrorCode, readBody, sendError, type ExtraRoute, type Logger } from '@civic/runtime';
import { GraphQLError } from 'graphql';
import { request } from 'undici';
import type { GatewayContext } from './context.js';
import { PURPOSE_HEADER } from './purposes.js';

/** The live service's GraphQL over Server-Sent Events, served at the same path on the gateway's port. */
export const LIVE_STREAM_PATH = '/graphql/stream';

/** The code of every "no live feed here" answer: the client should poll /graphql instead (and may try again later). */
export const LIVE_UNAVAILABLE = 'LIVE_UNAVAILABLE';

/**
 * Content types a browser may send cross-origin without a preflight (Apollo's CSRF prevention uses the
 * same list): a request with one of these, or with none, must carry a header that forces a preflight.
 */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/** The request headers the live service needs: the subscriber's own token and purpose, and what the body is. */
const FORWARDED_REQUEST_HEADERS = ['authorization', PURPOSE_HEADER, 'content-type', 'accept'] as const;
/** The live service's answer headers kept: the stream's type (or a refusal's), nothing about the live service itself. */
const FORWARDED_ANSWER_HEADERS = ['content-type'] as const;

export interface LiveStreamOptions {
  /** The live service's base URL (LIVE_URL); undefined, every request is answered 503 LIVE_UNAVAILABLE. */
  liveUrl: string | undefined;
  /** The checks /graphql makes: the user's token, a stated purpose, rate limits. */
  authenticate: (req: IncomingMessage) => Promise<GatewayContext>;
  /** How long the live service may take to begin its answer (GATEWAY_SUBGRAPH_TIMEOUT_MS). */
  answerTimeoutMs: number;
  logger: Logger;
}

export interface LiveStreamRoute {
  route: ExtraRoute;
  /** Ends every open stream (on shutdown: streams never finish by themselves; clients resume with `since`). */
  closeAll: () => void;
}

function liveUnavailable(message: string, retryable: boolean): GraphQLError {
  return new GraphQLError(message, { extensions: { code: LIVE_UNAVAILABLE, fallback: 'poll', retryable, http: { status: 503 } } });
}

function refused(status: number, code: string, message: string, headers?: Map<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, ...(headers ? { headers } : {}) } } });
}

const headerOf = (req: IncomingMessage, name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);

/** Apollo's CSRF rule, as /graphql applies it: an operation a cross-site form or image could send is refused. */
function requirePreflightSafe(req: IncomingMessage): void {
  const type = headerOf(req, 'content-type')?.split(';')[0]!.trim().toLowerCase();
  const simple = type === undefined || SIMPLE_CONTENT_TYPES.includes(type);
  if (simple && !PREFLIGHT_HEADERS.some((name) => req.headers[name] !== undefined)) {
    throw refused(400, 'BAD_REQUEST', `This request has been blocked as a possible Cross-Site Request Forgery: send Content-Type: application/json, or a header ${PREFLIGHT_HEADERS.join(' or ')}`);
  }
}

/** The method, CSRF and size checks, then the same authentication as /graphql; the body read (at most /graphql's limit). */
async function admitted(req: IncomingMessage, options: LiveStreamOptions): Promise<{ body: string | undefined }> {
  // graphql-sse's distinct connections mode (the only one the live service serves): POST, or GET with the operation in the URL.
  if (req.method !== 'POST' && req.method !== 'GET') throw refused(405, ErrorCode.BadUserInput, 'Live feeds are subscribed with POST (or GET)', new Map([['allow', 'GET, POST']]));
  requirePreflightSafe(req);
  await options.authenticate(req);
  if (req.method !== 'POST') return { body: undefined };
  try {
    return { body: await readBody(req) };
  } catch (error) {
    if (error instanceof BodyTooLarge) throw refused(413, 'PAYLOAD_TOO_LARGE', 'The subscription request is too large');
    throw error;
  }
}

/**
 * /graphql/stream on the gateway's port: the live service's SSE endpoint, passed through as a stream.
 * The gateway checks what it checks for /graphql (token, purpose, rate limit, CSRF, size) and sends the
 * subscriber's own token and purpose on, because the live service fetches every delivery through the
 * gateway as the subscriber. Each event is written as it arrives (no buffering: Node writes each chunk
 * to the socket at once); a client that goes away aborts the upstream request, which ends the
 * subscription there. Without LIVE_URL, or when the live service does not answer, the answer is 503
 * LIVE_UNAVAILABLE with `fallback: "poll"`.
 */
export function liveStreamRoute(options: LiveStreamOptions): LiveStreamRoute {
  const open = new Set<AbortController>();
  const route: ExtraRoute = async (req, res) => {
    if (!options.liveUrl) return sendError(res, liveUnavailable('No live service is configured for this gateway (LIVE_URL); poll /graphql instead', false));
    let body: string | undefined;
    try {
      ({ body } = await admitted(req, options));
    } catch (error) {
      if (error instanceof GraphQLError) return sendError(res, error);
      throw error;
    }
    const left = new AbortController();
    open.add(left);
    res.once('close', () => {
      left.abort();
      open.delete(left);
    });
    await passThrough(req, res, body, left.signal, options);
  };
  return { route, closeAll: () => open.forEach((stream) => stream.abort()) };
}

async function passThrough(req: IncomingMessage, res: ServerResponse, body: string | undefined, signal: AbortSignal, options: LiveStreamOptions): Promise<void> {
  const target = new URL(LIVE_STREAM_PATH, options.liveUrl);
  target.search = new URL(req.url ?? '/', 'http://gateway').search;
  const headers = Object.fromEntries(FORWARDED_REQUEST_HEADERS.flatMap((name) => (headerOf(req, name) === undefined ? [] : [[name, headerOf(req, name)!]])));
  let answer: Awaited<ReturnType<typeof request>>;
  try {
    answer = await request(target, {
      method: req.method as 'GET' | 'POST',
      headers,
      body,
      signal,
      headersTimeout: options.answerTimeoutMs,
      // A quiet feed sends nothing for as long as nothing happens: no body timeout.
      bodyTimeout: 0,
    });
  } catch (error) {
    if (signal.aborted) return;
    options.logger.warn({ err: error }, 'live stream: the live service did not answer');
    return sendError(res, liveUnavailable('The live service could not be reached; poll /graphql meanwhile and subscribe again later', true));
  }
  const kept = Object.fromEntries(FORWARDED_ANSWER_HEADERS.flatMap((name) => (answer.headers[name] === undefined ? [] : [[name, answer.headers[name]!]])));
  res.writeHead(answer.statusCode, kept);
  // The subscriber learns at once that the stream is open, before the first event.
  res.flushHeaders();
  await pipeline(answer.body, res).catch((error: unknown) => {
    if (!signal.aborted) options.logger.warn({ err: error }, 'live stream cut');
  });
}
