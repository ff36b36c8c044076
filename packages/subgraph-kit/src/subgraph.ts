import { AuditBuffer, AuditOutboxEntry, auditOutboxMigration, auditPlugin, DecisionCache, enforcePolicy, startGovernance } from '@civic/governance';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import { subgraphConfigFromEnv, type SubgraphConfig } from './config.js';
import { loadSubgraphKeys, type SubgraphKeys } from './keys.js';
import { LoaderRegistry, type RequestContext } from './context.js';
import { OwnerRecords } from './ownerRecords.js';
import { openDatabase, type EntityManager, type Orm, formatErrorFor, createHttpServer, listen, type ExtraRoute, verifyAuthorization, createLogger, type Logger, graphqlMetricsPlugin, livezRoute, metricsRoute, collectProcessMetrics, startTracing, runService, currentRequestSignal, type Env, apolloCloudDisabled, compactAnswers, StartupClock } from '@civic/runtime';
import type { SubgraphSchema } from './federation.js';
import { placeScopedEntities, requestEntityManager } from './scope.js';
import { databaseProbe, readinessRoute } from './readiness.js';
import { LiveEventEntry, LiveEventForwarder, liveOutboxMigration, LiveSweeper, type LiveSweep } from './liveEvents/index.js';

export { JURISDICTION_FILTER, requestEntityManager } from './scope.js';

export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  entities: Constructor<object>[];
  migrations: MigrationObject[];
  buildSchema: () => Promise<SubgraphSchema>;
  /**
   * What the service itself needs before it can serve (the access service's composed schema, and its
   * departments and first policy version, written in one transaction when missing). Never demo data:
   * that is a tool's job.
   */
  bootstrap?: (em: EntityManager, logger: Logger, config: SubgraphConfig) => Promise<void>;
  /**
   * Subgraphs holding departments' data enforce the policy and audit classified reads; the access
   * subgraph, which holds the policy itself, says false and checks its callers' roles in its resolvers.
   */
  governed?: boolean;
  /** Other services call its routes with their own credentials (the access service): it loads their public keys. */
  receivesServiceCalls?: boolean;
  /** Periodic checks that record live events for what only time changes, from the subgraph's own settings in `env`; run while live events are on. */
  liveSweeps?: (env: Env) => LiveSweep[];
  /** Operational routes besides /graphql, /health, /livez, /readyz and /metrics. */
  routes?: (orm: Orm, logger: Logger, config: SubgraphConfig, keys: SubgraphKeys) => Record<string, ExtraRoute>;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: Orm;
  stop: () => Promise<void>;
}

/** Starts a subgraph configured from `env` (default: the process environment), read and validated once, before anything opens. */
export async function startSubgraph(definition: SubgraphDefinition, env?: Env): Promise<RunningSubgraph> {
  const clock = new StartupClock();
  const roles = { governed: definition.governed ?? true, receivesServiceCalls: definition.receivesServiceCalls ?? false };
  const config = subgraphConfigFromEnv(definition.name, definition.defaultPort, env, roles);
  // The subgraph's own settings are validated with the rest, before anything opens.
  const sweeps = definition.liveSweeps?.(env ?? process.env) ?? [];
  const { port, host, storage } = config;
  const logger = createLogger(definition.name, config.logLevel, config.observability.logFormat);
  const observability = config.observability;
  const governed = roles.governed;
  const keys = await loadSubgraphKeys(definition.name, config, roles);

  const startedAt = Date.now();
  collectProcessMetrics();
  const tracing = await startTracing(definition.name, observability.tracesEndpoint, logger);
  clock.mark('configuration, keys and tracing');
  const orm = await openDatabase({
    storage,
    // Every subgraph may ship live events (the access service: grants about to expire); governed ones also audit.
    entities: [...definition.entities, LiveEventEntry, ...(governed ? [AuditOutboxEntry] : [])],
    migrations: [...definition.migrations, ...(governed ? [auditOutboxMigration] : []), liveOutboxMigration],
    logger,
    timeouts: config.databaseTimeouts,
    pglite: config.pglite,
    clock,
  });
  await definition.bootstrap?.(orm.em.fork() as EntityManager, logger, config);
  clock.mark('bootstrap');
  const governance = governed ? await startGovernance(config.governance, keys.credential, orm, logger) : undefined;
  clock.mark('policy');

  const live = config.liveEvents && keys.credential
    ? new LiveEventForwarder({ orm, subgraph: definition.name, liveUrl: config.liveEvents.url, credential: keys.credential, intervalMs: config.liveEvents.forwardMs, logger })
    : undefined;
  live?.start();
  const sweeper = live && sweeps.length ? new LiveSweeper(orm, sweeps, config.liveEvents!.sweepMs, logger) : undefined;
  sweeper?.start();

  const scoped = placeScopedEntities(orm);
  // An abandoned request's statement in flight: PostgreSQL cancels it (pg_cancel_backend); PGlite runs in
  // this process and cannot be interrupted, so its statement finishes and the result is dropped.
  const inflightQueryAbortStrategy = storage.kind === 'postgresql' ? 'cancel query' : 'ignore query';
  const built = (await definition.buildSchema()).schema;
  clock.mark('schema');
  // No landing page, reporting, inline traces or cache hints: see apolloCloudDisabled.
  const plugins: ApolloServerPlugin<RequestContext>[] = [...apolloCloudDisabled(), graphqlMetricsPlugin()];
  if (governance?.auditing) plugins.push(auditPlugin(orm, logger));
  const apollo = new ApolloServer<RequestContext>({
    schema: governance ? enforcePolicy(built) : built,
    introspection: true,
    csrfPrevention: true,
    // runService stops the service on SIGINT/SIGTERM once its requests are answered; Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    stringifyResult: compactAnswers,
    parseOptions: { maxTokens: 5000 },
    formatError: formatErrorFor(logger),
    plugins,
  });
  await apollo.start();
  clock.mark('apollo');

  const readiness = readinessRoute({
    service: definition.name,
    storage,
    database: databaseProbe(orm, logger, config.readinessDatabaseTimeoutMs),
    ...(governance ? { policy: governance.policy } : {}),
  });
  const http = createHttpServer<RequestContext>({
    apollo,
    logger,
    requestTimeoutMs: config.requestTimeoutMs,
    context: async (req) => {
      const identity = await verifyAuthorization(keys.gatewayTokens, req.headers.authorization, undefined);
      const policy = governance?.policy.current();
      return {
        identity,
        em: requestEntityManager(orm, scoped, identity, { signal: currentRequestSignal(), inflightQueryAbortStrategy }),
        loaders: new LoaderRegistry(),
        owners: new OwnerRecords(config.owners, req.headers.authorization),
        ...(policy ? { policy } : {}),
        decisions: new DecisionCache(),
        liveEvents: live !== undefined,
        ...(governance?.auditing ? { audit: new AuditBuffer(identity, definition.name) } : {}),
      } as RequestContext;
    },
    routes: {
      ...definition.routes?.(orm, logger, config, keys),
      // Liveness checks nothing but the process; readiness its database and policy (observability/readiness.ts in runtime).
      '/livez': livezRoute,
      '/readyz': readiness,
      '/health': readiness,
      '/metrics': metricsRoute,
    },
  });
  const boundPort = await listen(http, port, host);
  const url = `http://${host}:${boundPort}/graphql`;
  clock.mark('listen');
  logger.info({ url, startupMs: Date.now() - startedAt, startup: clock.summary() }, 'subgraph ready');
  return {
    name: definition.name,
    url,
    port: boundPort,
    orm,
    stop: async () => {
      // Every answered request's audit row is in the outbox before its response leaves (auditPlugin), so
      // once drained, the outbox holds them all for governance.stop to ship.
      await http.drain(config.shutdownGraceMs, logger);
      await apollo.stop();
      await governance?.stop(config.shutdownGraceMs);
      await sweeper?.stop();
      await live?.stop();
      await orm.close(true);
      await tracing?.stop();
    },
  };
}

export function runSubgraphMain(definition: SubgraphDefinition): Promise<void> {
  return runService(definition.name, () => startSubgraph(definition));
}
