import { computedVariable, computedVariables, httpUrlValue, parseEnv, positiveIntValue, refusingDevelopmentSecret, serviceConfigOf, serviceEnv, supergraphEnv, type Env, type ServiceConfig } from '@civic/runtime';

/**
 * The subgraphs the gateway federates. Each may be moved (another host, port or compose service name)
 * with `<NAME>_URL`, which replaces the URL composed into the supergraph.
 */
const SUBGRAPHS = ['population', 'buildings', 'incidents', 'resources', 'access'] as const;
const subgraphUrlVariable = (name: string) => `${name.toUpperCase()}_URL`;

export const gatewayEnv = refusingDevelopmentSecret(
  serviceEnv(4000)
    .extend(supergraphEnv.shape)
    .extend({
      GATEWAY_WORKERS: positiveIntValue(1),
      GATEWAY_SUBGRAPH_CONNECTIONS: positiveIntValue(64),
      GATEWAY_QUERY_PLAN_CACHE_MIB: positiveIntValue(30),
      GATEWAY_REQUEST_TIMEOUT_MS: positiveIntValue(30_000),
      GATEWAY_SUBGRAPH_TIMEOUT_MS: positiveIntValue(10_000),
    })
    .extend(computedVariables(SUBGRAPHS.map(subgraphUrlVariable), httpUrlValue.optional())),
);

export interface GatewayConfig extends ServiceConfig {
  supergraphPath: string;
  /** Subgraph URLs that replace those composed into the supergraph. */
  subgraphUrls: Partial<Record<string, string>>;
  /** Processes serving the same port (node:cluster); one per core is the usual production choice. */
  workers: number;
  /** Kept-alive connections per subgraph and worker: enough for the concurrency a worker sees, so no request waits for a socket. */
  subgraphConnections: number;
  /** Size of each LRU cache of the request path: parsed and validated documents, and query plans. */
  queryPlanCacheMiB: number;
  /** The deadline of a whole client request; past it the answer is a 504 and its subgraph calls are aborted. */
  requestTimeoutMs: number;
  /** How long one subgraph call may take before its fields are null with SUBGRAPH_TIMEOUT. */
  subgraphTimeoutMs: number;
}

export function gatewayConfigFromEnv(env?: Env): GatewayConfig {
  const parsed = parseEnv(gatewayEnv, env);
  const subgraphUrls: Partial<Record<string, string>> = {};
  for (const name of SUBGRAPHS) {
    const url = computedVariable(parsed, subgraphUrlVariable(name));
    if (url) subgraphUrls[name] = url;
  }
  return {
    ...serviceConfigOf(parsed),
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphUrls,
    workers: parsed.GATEWAY_WORKERS,
    subgraphConnections: parsed.GATEWAY_SUBGRAPH_CONNECTIONS,
    queryPlanCacheMiB: parsed.GATEWAY_QUERY_PLAN_CACHE_MIB,
    requestTimeoutMs: parsed.GATEWAY_REQUEST_TIMEOUT_MS,
    subgraphTimeoutMs: parsed.GATEWAY_SUBGRAPH_TIMEOUT_MS,
  };
}
