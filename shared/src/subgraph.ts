import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Constructor, EntityName, MigrationObject } from '@mikro-orm/core';
import { analyzeTables } from './bulk.js';
import { readJwtSecret, readPort, readString } from './config.js';
import { LoaderRegistry, type RequestContext } from './context.js';
import { describeStorage, openDatabase, storageFromEnv, type EntityManager, type Orm } from './database.js';
import { formatErrorFor } from './errorFormatting.js';
import { close, createHttpServer, listen, sendJson } from './http.js';
import { AT_SUBGRAPH, verifyAuthorization, type Identity } from './identity.js';
import { enforcePolicy } from './policy/enforce.js';
import { catalogFromSupergraph, loadPolicyFile } from './policy/store.js';
import { createLogger, type Logger } from './logger.js';
import { graphqlRequests, renderMetrics } from './metrics.js';
import { runService } from './process.js';
import { demoCityFromEnv, type DemoCity } from './demoCity.js';
import type { SubgraphSchema } from './federation.js';

export const JURISDICTION_FILTER = 'jurisdiction';

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
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: Orm;
  stop: () => Promise<void>;
}

/** Entities that carry a grid code, and so fall under the caller's place scope. */
function placeScopedEntities(orm: Orm): EntityName[] {
  return [...orm.getMetadata().getAll().values()]
    .filter((meta) => meta.properties.gridCode !== undefined)
    .map((meta) => meta.class);
}

/** The codes of the areas that contain a jurisdiction (district, street, community, grid levels). */
export function enclosingAreas(jurisdiction: string): string[] {
  return [6, 9, 12, 15].filter((length) => length <= jurisdiction.length).map((length) => jurisdiction.slice(0, length));
}

/**
 * A per-request EntityManager. A caller with a jurisdiction gets a filter on every grid-coded entity,
 * so lists, counts, lookups and reference resolution all see only records inside it, plus records
 * of the areas enclosing it (a district's emergency plan applies to every street in it).
 */
export function requestEntityManager(orm: Orm, scoped: EntityName[], identity: Identity): EntityManager {
  const em = orm.em.fork({ useContext: false }) as EntityManager;
  if (identity.jurisdiction) {
    em.addFilter({
      name: JURISDICTION_FILTER,
      entity: scoped,
      cond: { $or: [{ gridCode: { $like: `${identity.jurisdiction}%` } }, { gridCode: { $in: enclosingAreas(identity.jurisdiction) } }] },
      default: true,
    });
  }
  return em;
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
  const policy = loadPolicyFile(resolve(readString(env, 'POLICY_PATH', 'schema/policy.yaml')), catalogFromSupergraph(resolve(readString(env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql'))));

  const startedAt = Date.now();
  const orm = await openDatabase({ storage, entities: definition.entities, migrations: definition.migrations, logger });
  const seedEm = orm.em.fork() as EntityManager;
  if (!(await definition.hasData(seedEm))) {
    const seedStart = Date.now();
    await definition.seed(seedEm, city, logger);
    await analyzeTables(seedEm);
    logger.info({ ms: Date.now() - seedStart, residents: city.residentCount }, 'demo city seeded');
  }

  const scoped = placeScopedEntities(orm);
  const schema = enforcePolicy((await definition.buildSchema()).schema);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: 5000 },
    formatError: formatErrorFor(logger),
    // Inline traces are for Apollo Studio, which a city hall does not use; they cost CPU per field.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const http = createHttpServer<RequestContext>({
    apollo,
    logger,
    context: async (req) => {
      graphqlRequests.increment();
      const identity = await verifyAuthorization(secret, req.headers.authorization, undefined, AT_SUBGRAPH);
      return {
        identity,
        em: requestEntityManager(orm, scoped, identity),
        loaders: new LoaderRegistry(),
        policy,
        decisions: new Map(),
      };
    },
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: definition.name, storage: describeStorage(storage).split(':')[0] }),
      '/metrics': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(renderMetrics());
      },
    },
  });
  const boundPort = await listen(http, port, host);
  const url = `http://${host}:${boundPort}/graphql`;
  logger.info({ url, startupMs: Date.now() - startedAt }, 'subgraph ready');
  return { name: definition.name, url, port: boundPort, orm, stop: () => stopAll(http, apollo, orm) };
}

async function stopAll(http: Server, apollo: ApolloServer<RequestContext>, orm: Orm): Promise<void> {
  await close(http);
  await apollo.stop();
  await orm.close(true);
}

export function runSubgraphMain(definition: SubgraphDefinition): Promise<void> {
  return runService(definition.name, () => startSubgraph(definition));
}
