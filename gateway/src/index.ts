import { ApolloServer } from '@apollo/server';
import { ApolloGateway } from '@apollo/gateway';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { createHttpServer, listen, loadGatewaySigningKey, loadServiceCredential, loadUserTokenVerifier, gatewayTokenIssuer, verifyAuthorization, createLogger, graphqlMetricsPlugin, livezRoute, metricsRoute, collectProcessMetrics, startTracing, formatErrorFor, apolloCloudDisabled, compactAnswers } from '@civic/runtime';
import { ACCESS_EXPORT_PATHS, accessExportRoute } from './accessExports.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { gatewayReadinessRoute } from './health.js';
import { PURPOSE_HEADER, PurposeCatalogue } from './purposes.js';
import { IDE_PATH, ideRoutes } from './ide/routes.js';
import { CONSOLE_PATH, consoleRoutes } from './console/routes.js';
import { namingTheService, valueCompletionAsErrors } from './partialAnswers.js';
import { LIVE_STREAM_PATH, liveStreamRoute } from './liveStream.js';
import { IdentityForwardingDataSource } from './subgraphClient.js';
import { keepAliveSubgraphCall } from './subgraphFetcher.js';
import { createRateLimiter, keepingLimitCodes, operationLimits } from './limits/index.js';
import { REPORTS_PATH, reportRunRoute } from './reports/route.js';
import { readSupergraph, subgraphsOf } from './supergraph.js';
import { namingHashMismatch } from './trusted/hashMismatch.js';
import { manifestStore, readTrustedManifest } from './trusted/manifest.js';
import { trustedOperationsPlugin } from './trusted/plugin.js';

export { gatewayConfigFromEnv, gatewayEnv } from './config.js';

export interface RunningGateway {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const logger = createLogger('gateway', config.logLevel, config.observability.logFormat);
  const userTokens = await loadUserTokenVerifier(config.userTokens, config.developmentKeysDir);
  // Every token handed to a subgraph outlives the request that carries it, with a few seconds to spare for clocks.
  const subgraphTokenFor = gatewayTokenIssuer(await loadGatewaySigningKey(config.gatewayPrivateKeyPath, config.developmentKeysDir), config.requestTimeoutMs + 5000);
  const credential = await loadServiceCredential('gateway', config.servicePrivateKeyPath, config.developmentKeysDir);
  collectProcessMetrics();
  const tracing = await startTracing('gateway', config.observability.tracesEndpoint, logger);
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const subgraphs = { ...subgraphsOf(supergraphSdl), ...config.subgraphUrls } as Record<string, string>;
  const fetchTimeoutMs = config.subgraphTimeoutMs;
  const call = keepAliveSubgraphCall(config.subgraphConnections, fetchTimeoutMs);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new IdentityForwardingDataSource(name, { url: subgraphs[name] ?? url, call, fetchTimeoutMs, logger }),
    experimental_approximateQueryPlanStoreMiB: config.queryPlanCacheMiB,
  });
  const limits = operationLimits(config.limits.operation, supergraphSdl, logger);
  const rateLimiter = createRateLimiter(config.limits.rate, logger);
  const { manifestPath, required } = config.trustedOperations;
  const manifest = manifestPath ? readTrustedManifest(manifestPath) : undefined;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    csrfPrevention: true,
    // runService stops the service on SIGINT/SIGTERM once its requests are answered; Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    stringifyResult: compactAnswers,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: config.queryPlanCacheMiB * 2 ** 20, sizeCalculation: InMemoryLRUCache.sizeCalculation }),
    formatError: namingTheService(keepingLimitCodes(namingHashMismatch(formatErrorFor(logger)))),
    plugins: [...apolloCloudDisabled(), graphqlMetricsPlugin(), limits.plugin, valueCompletionAsErrors(logger), ...(manifest && required.length ? [trustedOperationsPlugin(manifest, required)] : [])],
    // With a manifest, a hash names a reviewed operation and nothing a client sends is stored.
    ...(manifest ? { persistedQueries: { cache: manifestStore(manifest) } } : {}),
  });
  await apollo.start();
  const purposes = new PurposeCatalogue({ accessUrl: subgraphs.access!, supergraphPath: config.supergraphPath, credential, poll: config.policyPoll, logger });
  purposes.start();
  let ready = true;
  const readiness = gatewayReadinessRoute({
    subgraphs,
    timeoutMs: config.readinessSubgraphTimeoutMs,
    accepting: () => ready,
    purposesKnown: () => purposes.known(),
  });

  // Every request with a user's token, to /graphql or to the audit export, passes these checks.
  const authenticate = async (req: IncomingMessage): Promise<GatewayContext> => {
    const purposeHeader = req.headers[PURPOSE_HEADER];
    const purpose = typeof purposeHeader === 'string' ? purposeHeader : undefined;
    const identity = await verifyAuthorization(userTokens, req.headers.authorization, purpose);
    purposes.check(identity.purpose);
    await rateLimiter.consume(identity);
    return { identity, subgraphAuthorization: `Bearer ${await subgraphTokenFor(identity)}` };
  };

  const liveStream = liveStreamRoute({ liveUrl: config.liveUrl, authenticate, answerTimeoutMs: config.subgraphTimeoutMs, logger });
  let selfUrl = '';
  const reports = reportRunRoute({ accessUrl: subgraphs.access!, authenticate, graphqlUrl: () => selfUrl, limits: config.limits.report, answerTimeoutMs: config.subgraphTimeoutMs, logger });
  const consolePages = config.console ? await consoleRoutes(config.console, config.developmentKeysDir, config.userTokens, logger) : undefined;
  const http = createHttpServer<GatewayContext>({
    apollo,
    logger,
    requestTimeoutMs: config.requestTimeoutMs,
    context: authenticate,
    routes: {
      [LIVE_STREAM_PATH]: liveStream.route,
      ...Object.fromEntries(ACCESS_EXPORT_PATHS.map((path) => [path, accessExportRoute(path, { accessUrl: subgraphs.access!, authenticate, answerTimeoutMs: config.subgraphTimeoutMs, logger })])),
      // Liveness checks nothing but the process; readiness goes by capability (health.ts).
      '/livez': livezRoute,
      '/readyz': readiness,
      '/health': readiness,
      '/metrics': metricsRoute,
      ...(config.ide ? ideRoutes() : {}),
      ...consolePages?.exact,
    },
    prefixRoutes: { ...consolePages?.prefix, [REPORTS_PATH]: reports },
    corsOrigins: config.corsOrigins,
  });
  const port = await listen(http, config.port, config.host);
  const url = `http://${config.host}:${port}/graphql`;
  // A report's pages go to this worker's own socket: the wildcard addresses are listened on, not called.
  selfUrl = `http://${['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host}:${port}/graphql`;
  logger.info({ url, ide: config.ide ? new URL(IDE_PATH, url).href : 'off', console: config.console ? new URL(CONSOLE_PATH, url).href : 'off', corsOrigins: config.corsOrigins, live: config.liveUrl ?? 'off', subgraphs, subgraphConnections: config.subgraphConnections, queryPlanCacheMiB: config.queryPlanCacheMiB }, 'gateway ready');
  return {
    url,
    port,
    stop: async () => {
      ready = false;
      // The requests in flight still check stated purposes, against the last catalogue once polling stops.
      purposes.stop();
      // Live streams never finish by themselves: they end now, and their clients subscribe again with since.
      liveStream.closeAll();
      await http.drain(config.shutdownGraceMs, logger);
      await apollo.stop();
      await rateLimiter.stop();
      await tracing?.stop();
    },
  };
}
