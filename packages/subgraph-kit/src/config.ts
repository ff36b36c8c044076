import { governanceEnv, type GovernanceEnv } from '@civic/governance';
import { databaseTimeoutsEnv, databaseTimeoutsOf, parseEnv, positiveIntValue, refusingDevelopmentSecret, serviceConfigOf, serviceEnv, storageEnv, storageOf, type DatabaseTimeouts, type Env, type ServiceConfig, type Storage } from '@civic/runtime';

/** Every subgraph's schema: the service's own variables, its storage and its governance. */
export const subgraphEnv = (name: string, defaultPort: number) =>
  refusingDevelopmentSecret(
    serviceEnv(defaultPort)
      .extend(storageEnv(name).shape)
      .extend(databaseTimeoutsEnv.shape)
      .extend(governanceEnv.shape)
      // Below the gateway's subgraph fetch timeout (10 s), so a slow subgraph says itself that it timed out.
      .extend({ SUBGRAPH_REQUEST_TIMEOUT_MS: positiveIntValue(9000) }),
  );

export interface SubgraphConfig extends ServiceConfig {
  storage: Storage;
  databaseTimeouts: DatabaseTimeouts;
  /** The deadline of each GraphQL request this subgraph serves. */
  requestTimeoutMs: number;
  governance: GovernanceEnv;
}

/** Reads and validates a subgraph's configuration (from `env`, or the process environment). */
export function subgraphConfigFromEnv(name: string, defaultPort: number, env?: Env): SubgraphConfig {
  const parsed = parseEnv(subgraphEnv(name, defaultPort), env);
  return {
    ...serviceConfigOf(parsed),
    storage: storageOf(parsed, name),
    databaseTimeouts: databaseTimeoutsOf(parsed),
    requestTimeoutMs: parsed.SUBGRAPH_REQUEST_TIMEOUT_MS,
    governance: parsed,
  };
}
