import { governanceEnv, type GovernanceEnv } from '@civic/governance';
import { parseEnv, refusingDevelopmentSecret, serviceConfigOf, serviceEnv, storageEnv, storageOf, type Env, type ServiceConfig, type Storage } from '@civic/runtime';

/** Every subgraph's schema: the service's own variables, its storage and its governance. */
export const subgraphEnv = (name: string, defaultPort: number) =>
  refusingDevelopmentSecret(serviceEnv(defaultPort).extend(storageEnv(name).shape).extend(governanceEnv.shape));

export interface SubgraphConfig extends ServiceConfig {
  storage: Storage;
  governance: GovernanceEnv;
}

/** Reads and validates a subgraph's configuration (from `env`, or the process environment). */
export function subgraphConfigFromEnv(name: string, defaultPort: number, env?: Env): SubgraphConfig {
  const parsed = parseEnv(subgraphEnv(name, defaultPort), env);
  return {
    ...serviceConfigOf(parsed),
    storage: storageOf(parsed, name),
    governance: parsed,
  };
}
