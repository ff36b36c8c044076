import { governanceEnv, type GovernanceEnv } from '@civic/governance';
import { httpUrlValue, parseEnv, positiveIntValue, refusingDevelopmentSecret, serviceConfigOf, serviceEnv, storageEnv, storageOf, z, type Env, type ServiceConfig, type Storage } from '@civic/runtime';
import type { OwnerEndpoints } from './ownerRecords.js';

/**
 * Where the owners of records other subgraphs refer to answer (the same variables the gateway reads),
 * and how long a write waits for one. Unset, a write naming such a record is refused, never trusted.
 */
export const ownerEnv = z.object({
  POPULATION_URL: httpUrlValue.optional(),
  BUILDINGS_URL: httpUrlValue.optional(),
  INCIDENTS_URL: httpUrlValue.optional(),
  OWNER_LOOKUP_TIMEOUT_MS: positiveIntValue(2000),
});

/** Every subgraph's schema: the service's own variables, its storage and its governance. */
export const subgraphEnv = (name: string, defaultPort: number) =>
  refusingDevelopmentSecret(serviceEnv(defaultPort).extend(storageEnv(name).shape).extend(governanceEnv.shape).extend(ownerEnv.shape));

export interface SubgraphConfig extends ServiceConfig {
  storage: Storage;
  governance: GovernanceEnv;
  owners: OwnerEndpoints;
}

/** Reads and validates a subgraph's configuration (from `env`, or the process environment). */
export function subgraphConfigFromEnv(name: string, defaultPort: number, env?: Env): SubgraphConfig {
  const parsed = parseEnv(subgraphEnv(name, defaultPort), env);
  return {
    ...serviceConfigOf(parsed),
    storage: storageOf(parsed, name),
    governance: parsed,
    owners: {
      urls: { population: parsed.POPULATION_URL, buildings: parsed.BUILDINGS_URL, incidents: parsed.INCIDENTS_URL },
      timeoutMs: parsed.OWNER_LOOKUP_TIMEOUT_MS,
    },
  };
}
