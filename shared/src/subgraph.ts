import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import { analyzeTables } from './bulk.js';
import { readJwtSecret, readPort, readString } from './config.js';
import { LoaderRegistry, type RequestContext } from './context.js';
import { describeStorage, openDatabase, storageFromEnv, type EntityManager, type Orm } from './database.js';
import { formatErrorFor } from './errorFormatting.js';
import { close, createHttpServer, listen, sendJson, type ExtraRoute } from './http.js';
import { AT_SUBGRAPH, verifyAuthorization } from './identity.js';
import { enforcePolicy } from './policy/enforce.js';
import { createLogger, type Logger } from './logger.js';
import { graphqlRequests, renderMetrics } from './metrics.js';
import { runService } from './process.js';
import { demoCityFromEnv, type DemoCity } from './demoCity.js';
import type { SubgraphSchema } from './federation.js';
import { placeScopedEntities, requestEntityManager } from './scope.js';
import { startGovernance, type Governance } from './governance.js';
import { AuditOutboxEntry } from './audit/AuditOutboxEntry.js';
import { auditOutboxMigration } from './audit/outboxMigration.js';
import { AuditBuffer } from './audit/buffer.js';
import { auditPlugin } from './audit/plugin.js';

export { JURISDICTION_FILTER, enclosingAreas, requestEntityManager } from './scope.js';

export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  entities: Constructor<object>[];
  migrations: MigrationObject[];
  buildSchema: () => Promise<SubgraphSchema>;
  /** Loads this subgraph's share of the demo city into an empty database. */
  seed: (em: EntityManager, city: DemoCity, logger: Logger) => Promise<void>;
  /** True when the subgraph already holds data, so a restart does not seed again. */
  hasData: (em: EntityManager) => Promise<boolean>;
  /**
   * Subgraphs holding departments' data enforce the policy and audit classified reads; the access
   * subgraph, which holds the policy itself, says false and checks its callers' roles in its resolvers.
   */
  governed?: boolean;
  /** Operational routes besides /graphql, /health and /metrics. */
  routes?: (orm: Orm, logger: Logger) => Record<string, ExtraRoute>;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: Orm;
  stop: () => Promise<void>;
}

function healthRoute(definition: SubgraphDefinition, storage: string, governance: Governance | undefined): ExtraRoute {
  return (_req, res) => {
    const policyVersion = governance ? governance.policy.version() : null;
    const ready = !governance || policyVersion !== null;
    sendJson(res, ready ? 200 : 503, {
      status: ready ? 'ok' : 'waiting for a policy (every classified field is denied until one arrives)',
      service: definition.name,
      storage,
      ...(governance ? { policyVersion } : {}),
    });
  };
}

export async function startSubgraph(
  definition: SubgraphDefinition,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningSubgraph> {
  const logger = createLogger(definition.name);
  const port = readPort(env, 'PORT', definition.defaultPort);
  const host = readString(env, 'HOST', '127.0.0.1');
  const secret = readJwtSecret(env);
  const storage = storageFromEnv(env, definition.name);
  const city = demoCityFromEnv(env);
  const governed = definition.governed ?? true;

  const startedAt = Date.now();
  const orm = await openDatabase({
    storage,
    entities: governed ? [...definition.entities, AuditOutboxEntry] : definition.entities,
    migrations: governed ? [...definition.migrations, auditOutboxMigration] : definition.migrations,
    logger,
  });
  const seedEm = orm.em.fork() as EntityManager;
  if (!(await definition.hasData(seedEm))) {
    const seedStart = Date.now();
    await definition.seed(seedEm, city, logger);
    await analyzeTables(seedEm);
    logger.info({ ms: Date.now() - seedStart, residents: city.residentCount }, 'demo city seeded');
  }
  const governance = governed ? await startGovernance(env, definition.name, secret, orm, logger) : undefined;

  const scoped = placeScopedEntities(orm);
  const built = (await definition.buildSchema()).schema;
  // Inline traces and cache hints serve Apollo Studio and CDNs, neither of which a city hall uses here;
  // both hook every resolver.
  const plugins: ApolloServerPlugin<RequestContext>[] = [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()];
  if (governance?.auditing) plugins.push(auditPlugin(orm, logger));
  const apollo = new ApolloServer<RequestContext>({
    schema: governance ? enforcePolicy(built) : built,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: 5000 },
    formatError: formatErrorFor(logger),
    plugins,
  });
  await apollo.start();

  const http = createHttpServer<RequestContext>({
    apollo,
    logger,
    context: async (req) => {
      graphqlRequests.increment();
      const identity = await verifyAuthorization(secret, req.headers.authorization, undefined, AT_SUBGRAPH);
      const policy = governance?.policy.current();
      return {
        identity,
        em: requestEntityManager(orm, scoped, identity),
        loaders: new LoaderRegistry(),
        ...(policy ? { policy } : {}),
        decisions: new Map(),
        ...(governance?.auditing ? { audit: new AuditBuffer(identity, definition.name) } : {}),
      } as RequestContext;
    },
    routes: {
      ...definition.routes?.(orm, logger),
      '/health': healthRoute(definition, describeStorage(storage).split(':')[0]!, governance),
      '/metrics': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(renderMetrics());
      },
    },
  });
  const boundPort = await listen(http, port, host);
  const url = `http://${host}:${boundPort}/graphql`;
  logger.info({ url, startupMs: Date.now() - startedAt }, 'subgraph ready');
  return {
    name: definition.name,
    url,
    port: boundPort,
    orm,
    stop: async () => {
      await close(http);
      await apollo.stop();
      await governance?.stop();
      await orm.close(true);
    },
  };
}

export function runSubgraphMain(definition: SubgraphDefinition): Promise<void> {
  return runService(definition.name, () => startSubgraph(definition));
}
