import { readJwtSecret, readOptionalUrl, readPort, readPositiveInt, readString } from '@civic/runtime';
import { resolve } from 'node:path';

/** The subgraphs whose URL the environment may override; the gateway never loads a tool (the launcher) to learn them. */
const SUBGRAPH_NAMES = ['population', 'buildings', 'incidents', 'resources', 'access'] as const;

export interface GatewayConfig {
  port: number;
  host: string;
  jwtSecret: string;
  supergraphPath: string;
  /** Subgraph URLs that replace those composed into the supergraph (other hosts, ports, compose service names). */
  subgraphUrls: Partial<Record<string, string>>;
  /** Processes serving the same port (node:cluster); one per core is the usual production choice. */
  workers: number;
  /** Kept-alive connections per subgraph and worker: enough for the concurrency a worker sees, so no request waits for a socket. */
  subgraphConnections: number;
  /** Size of each LRU cache of the request path: parsed and validated documents, and query plans. */
  queryPlanCacheMiB: number;
}

export function gatewayConfigFromEnv(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const subgraphUrls: Partial<Record<string, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = readOptionalUrl(env, `${name.toUpperCase()}_URL`);
    if (url) subgraphUrls[name] = url;
  }
  return {
    port: readPort(env, 'PORT', 4000),
    host: readString(env, 'HOST', '127.0.0.1'),
    jwtSecret: readJwtSecret(env),
    supergraphPath: resolve(readString(env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql')),
    subgraphUrls,
    workers: readPositiveInt(env, 'GATEWAY_WORKERS', 1),
    subgraphConnections: readPositiveInt(env, 'GATEWAY_SUBGRAPH_CONNECTIONS', 64),
    queryPlanCacheMiB: readPositiveInt(env, 'GATEWAY_QUERY_PLAN_CACHE_MIB', 30),
  };
}
