import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import type { Server } from 'node:http';
import { close, createHttpServer, listen, signGatewayToken, verifyAuthorization, createLogger, graphqlMetricsPlugin, livezRoute, metricsRoute, collectProcessMetrics, startTracing, formatErrorFor } from '@civic/runtime';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { reportHealth } from './health.js';
import { IdentityForwardingDataSource } from './subgraphClient.js';
import { keepAliveFetcher } from './subgraphFetcher.js';
import { readSupergraph, subgraphsOf } from './supergraph.js';

export { gatewayConfigFromEnv, gatewayEnv } from './config.js';

export interface RunningGateway {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = createLogger('gateway', config.logLevel, config.observability.logFormat);
  collectProcessMetrics();
  const tracing = await startTracing('gateway', config.observability.tracesEndpoint, logger);
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const subgraphs = { ...subgraphsOf(supergraphSdl), ...config.subgraphUrls } as Record<string, string>;
  const fetchTimeoutMs = config.subgraphTimeoutMs;
  const fetcher = keepAliveFetcher(config.subgraphConnections, fetchTimeoutMs);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new IdentityForwardingDataSource(name, { url: subgraphs[name] ?? url, fetcher, fetchTimeoutMs }),
    experimental_approximateQueryPlanStoreMiB: config.queryPlanCacheMiB,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    csrfPrevention: true,
    // runService stops the service on SIGINT/SIGTERM; Apollo's own handler would exit before the database is closed.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: 5000 },
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: config.queryPlanCacheMiB * 2 ** 20, sizeCalculation: InMemoryLRUCache.sizeCalculation }),
    formatError: formatErrorFor(logger),
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), graphqlMetricsPlugin()],
  });
  await apollo.start();
  let ready = true;

  const http: Server = createHttpServer<GatewayContext>({
    apollo,
    logger,
    requestTimeoutMs: config.requestTimeoutMs,
    context: async (req) => {
      const purposeHeader = req.headers['x-access-purpose'];
      const purpose = typeof purposeHeader === 'string' ? purposeHeader : undefined;
      const identity = await verifyAuthorization(config.jwtSecret, req.headers.authorization, purpose);
      return { identity, subgraphAuthorization: `Bearer ${await signGatewayToken(config.jwtSecret, identity)}` };
    },
    routes: {
      '/health': (_req, res) => reportHealth(res, subgraphs, ready),
      '/livez': livezRoute,
      // Ready: the supergraph is loaded and every subgraph is ready for traffic itself.
      '/readyz': (_req, res) => reportHealth(res, subgraphs, ready, '/readyz'),
      '/metrics': metricsRoute,
    },
  });
  const port = await listen(http, config.port, config.host);
  const url = `http://${config.host}:${port}/graphql`;
  logger.info({ url, subgraphs, subgraphConnections: config.subgraphConnections, queryPlanCacheMiB: config.queryPlanCacheMiB }, 'gateway ready');
  return {
    url,
    port,
    stop: async () => {
      ready = false;
      await close(http);
      await apollo.stop();
      await tracing?.stop();
    },
  };
}
