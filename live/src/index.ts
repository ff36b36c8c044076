import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHandler } from 'graphql-sse/lib/use/http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ConfigError, collectProcessMetrics, createLogger, DrainingServer, listen, livezRoute, loadServiceCallers, loadUserTokenVerifier, metricsRoute, sendJson, setSecurityHeaders } from '@civic/runtime';
import type { LiveConfig } from './config.js';
import type { EventStore } from './eventStore.js';
import { eventsRoute } from './internalEvents.js';
import { openEventStore } from './openEventStore.js';
import { prepareOperation, type OperationGate, type Prepared } from './operation.js';
import { buildLiveSchema } from './schema.js';
import type { FeedIterator, FeedSettings } from './subscription.js';

export { liveConfigFromEnv, liveEnv, type LiveConfig } from './config.js';

/** SSE (graphql-sse, distinct connections mode) here; WebSocket (graphql-ws) on /graphql. */
export const STREAM_PATH = '/graphql/stream';
export const WEBSOCKET_PATH = '/graphql';
export const PURPOSE_HEADER = 'x-access-purpose';

export interface RunningLive {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`SUPERGRAPH_PATH: cannot read ${path}; run "npm run compose" to write it`);
  }
}

const asJson = (prepared: Extract<Prepared, { status: number }>) => JSON.stringify({ errors: prepared.errors.map((error) => error.toJSON()) });

export async function startLive(config: LiveConfig): Promise<RunningLive> {
  const logger = createLogger('live', config.logLevel, config.observability.logFormat);
  const userTokens = await loadUserTokenVerifier(config.userTokens, config.developmentKeysDir);
  const callers = await loadServiceCallers(config.serviceJwksPath, config.developmentKeysDir);
  collectProcessMetrics();
  const store = await openEventStore(config, logger);
  const open = new Set<FeedIterator>();
  const settings: FeedSettings = { store, gatewayUrl: config.gatewayUrl, fetchTimeoutMs: config.fetchTimeoutMs, open, maxBacklog: config.retentionEvents };
  const schema = buildLiveSchema(readSupergraph(config.supergraphPath), settings);
  const gate: OperationGate = { schema, userTokens, hasRoom: () => open.size < config.maxSubscriptions };

  const sse = createHandler<Record<string, unknown>>({
    schema,
    // Every request is its own stream (distinct connections mode); no reservation tokens.
    authenticate: () => null,
    onSubscribe: async (req, params) => {
      const prepared = await prepareOperation(gate, {
        authorization: req.headers.get('authorization') ?? undefined,
        purpose: req.headers.get(PURPOSE_HEADER) ?? undefined,
        query: params.query,
        variables: params.variables,
        operationName: params.operationName,
      });
      if ('args' in prepared) return prepared.args as never;
      return [asJson(prepared), { status: prepared.status, statusText: 'Refused', headers: { 'content-type': 'application/json; charset=utf-8' } }];
    },
  });

  let accepting = true;
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void> | void> = {
    [STREAM_PATH]: (req, res) => sse(req, res),
    '/internal/events': eventsRoute(store, callers, logger),
    '/livez': livezRoute,
    '/readyz': (_req, res) => readiness(res, accepting, store),
    '/health': (_req, res) => readiness(res, accepting, store),
    '/metrics': metricsRoute,
  };
  const http = new DrainingServer((req, res) => {
    setSecurityHeaders(req, res);
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routes[path];
    if (!route) return sendJson(res, 404, { error: `No route ${path}; subscriptions are served at ${STREAM_PATH} (SSE) and ${WEBSOCKET_PATH} (WebSocket)` });
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      logger.error({ err: error, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' });
      else res.end();
    });
  });
  const websockets = new WebSocketServer({ server: http, path: WEBSOCKET_PATH });
  const ws = useServer(
    {
      schema,
      // graphql-ws: the token and purpose travel in the connection_init payload (browsers cannot set headers on a WebSocket).
      onSubscribe: async (ctx, _id, payload) => {
        const params = ctx.connectionParams ?? {};
        const prepared = await prepareOperation(gate, {
          authorization: typeof params.authorization === 'string' ? params.authorization : undefined,
          purpose: typeof params[PURPOSE_HEADER] === 'string' ? (params[PURPOSE_HEADER] as string) : undefined,
          query: payload.query,
          variables: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
        });
        return 'args' in prepared ? prepared.args : prepared.errors;
      },
    },
    websockets,
  );

  const port = await listen(http, config.port, config.host);
  const url = `http://${config.host}:${port}${STREAM_PATH}`;
  logger.info({ url, websocket: `ws://${config.host}:${port}${WEBSOCKET_PATH}`, gateway: config.gatewayUrl, lastEventId: store.lastId, events: config.nats ? `NATS stream ${config.nats.stream}` : 'file log' }, 'live service ready');
  return {
    url,
    port,
    stop: async () => {
      accepting = false;
      // Open streams never finish by themselves: they end now, and clients resume elsewhere with since.
      for (const feed of [...open]) feed.close();
      await ws.dispose();
      await http.drain(config.shutdownGraceMs, logger);
      await store.close();
    },
  };
}

function readiness(res: ServerResponse, accepting: boolean, store: EventStore): void {
  if (!accepting) return sendJson(res, 503, { status: 'draining', service: 'live', pid: process.pid, reasons: ['draining'] });
  if (!store.available) return sendJson(res, 503, { status: 'not ready', service: 'live', pid: process.pid, reasons: ['event stream (NATS) unreachable'] });
  sendJson(res, 200, { status: 'ready', service: 'live', pid: process.pid, reasons: [] });
}
