import { AsyncLocalStorage } from 'node:async_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry (one service per process), served on GET /metrics. Its own
 * registry rather than prom-client's global one, so a library registering metrics cannot leak into it.
 */
export const metricsRegistry = new Registry();

let collectingProcessMetrics = false;

/**
 * Adds Node's standard process metrics (CPU, memory, event loop, GC) under their usual names. Once
 * per process, however many services it runs (in-process tests). No service label: Prometheus'
 * job and instance labels already say which service was scraped.
 */
export function collectProcessMetrics(): void {
  if (collectingProcessMetrics) return;
  collectingProcessMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

export function renderMetrics(): Promise<string> {
  return metricsRegistry.metrics();
}

export const METRICS_CONTENT_TYPE = metricsRegistry.contentType;

/** From a cached primary-key lookup (~1 ms) to a slow report (seconds). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const requestStatements = new Counter({
  name: 'civic_sql_statements_total',
  help: 'SQL statements sent to the database while serving requests',
  registers: [metricsRegistry],
});
const backgroundStatements = new Counter({
  name: 'civic_background_sql_statements_total',
  help: 'SQL statements of background work (audit shipping, probes)',
  registers: [metricsRegistry],
});

export const sqlStatementSeconds = new Histogram({
  name: 'civic_sql_statement_duration_seconds',
  help: 'Time from sending a SQL statement to its result, as MikroORM measures it (millisecond resolution)',
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const graphqlRequestSeconds = new Histogram({
  name: 'civic_graphql_request_duration_seconds',
  help: 'GraphQL requests from arrival to response, by operation name',
  labelNames: ['operation'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

/** Falls to 0 while a stopping service drains: what is left when its grace period ends is cut. */
export const graphqlRequestsInFlight = new Gauge({
  name: 'civic_graphql_requests_in_flight',
  help: 'GraphQL requests received and not yet answered',
  registers: [metricsRegistry],
});

export const subgraphFetchSeconds = new Histogram({
  name: 'civic_subgraph_fetch_duration_seconds',
  help: "The gateway's calls to a subgraph, from request to complete response",
  labelNames: ['subgraph'],
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

const background = new AsyncLocalStorage<true>();

/** Runs work whose SQL should not count against requests, so per-request figures stay exact. */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

let statementsSent = 0;

export const sqlStatements = {
  increment(): void {
    statementsSent++;
    (background.getStore() ? backgroundStatements : requestStatements).inc();
  },
  /** Statements of both kinds so far in this process (for tools that report their own cost). */
  get current(): number {
    return statementsSent;
  },
};
