import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

/** True once startTracing has registered an SDK; every tracing path checks it first, so no endpoint costs nothing. */
let tracing = false;

export interface Tracing {
  /** Sends the spans still buffered, then stops. */
  stop: () => Promise<void>;
}

/**
 * OpenTelemetry traces over OTLP/HTTP (JSON) to `endpoint`, with W3C trace context in and out: the
 * gateway's calls to subgraphs go through undici, whose instrumentation starts a client span and
 * sends `traceparent`; each service's HTTP server continues the incoming trace (see traceRequest).
 * The SDK is imported only here, so a service without an endpoint never loads it.
 */
export async function startTracing(service: string, endpoint: string | undefined, logger: Logger): Promise<Tracing | undefined> {
  if (!endpoint) return undefined;
  const [{ TracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes, defaultResource }, { AsyncLocalStorageContextManager }, core, { UndiciInstrumentation }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/instrumentation-undici'),
    ]);
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': service })),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: endpoint }) })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const undici = new UndiciInstrumentation();
  undici.setTracerProvider(provider);
  tracing = true;
  logger.info({ endpoint }, 'tracing to OTLP endpoint');
  return {
    stop: async () => {
      undici.disable();
      await provider.shutdown();
      tracing = false;
    },
  };
}

const tracer = () => trace.getTracer('@civic/runtime');

/** Runs an HTTP request handler inside a server span that continues the caller's trace (traceparent). */
export async function traceRequest(req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>): Promise<void> {
  if (!tracing) return handle();
  const parent = propagation.extract(context.active(), req.headers);
  const path = (req.url ?? '/').split('?')[0]!;
  const span = tracer().startSpan(`${req.method ?? 'GET'} ${path}`, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path },
  }, parent);
  // 'close', not 'finish': it also comes when the client goes away before the answer is sent.
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), handle);
}

/** Names the current request's span after the GraphQL operation it turned out to carry. */
export function nameRequestSpan(operation: string): void {
  if (!tracing) return;
  const span: Span | undefined = trace.getActiveSpan();
  span?.updateName(`graphql ${operation}`);
  span?.setAttribute('graphql.operation.name', operation);
}

/**
 * One client span per SQL statement, from the timing MikroORM reports after it ran. Made here rather
 * than by instrumentation-pg because PGlite has no instrumentation and pg's would need an ESM loader
 * hook; this way both storages trace alike.
 */
export function recordSqlSpan(sql: string, tookMs: number, failed: boolean): void {
  if (!tracing) return;
  const end = Date.now();
  const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  const span = tracer().startSpan(operation, {
    kind: SpanKind.CLIENT,
    startTime: end - tookMs,
    attributes: { 'db.system.name': 'postgresql', 'db.query.text': sql, 'db.operation.name': operation },
  });
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(end);
}
