import { loadGatewayTokenVerifier, loadServiceCallers, loadServiceCredential, type PublicKeys, type ServiceCredential, type TokenVerifier } from '@civic/runtime';
import type { SubgraphConfig, SubgraphRoles } from './config.js';

/** The keys a subgraph works with, read once before it opens anything. */
export interface SubgraphKeys {
  /** Verifies the gateway's identities, the only ones a subgraph serves. */
  gatewayTokens: TokenVerifier;
  /** Its own credential for calling the access service (governed subgraphs with ACCESS_URL) or the live service (LIVE_URL). */
  credential?: ServiceCredential;
  /** The public keys of the services that call it (the access service). */
  serviceCallers?: PublicKeys;
}

export async function loadSubgraphKeys(name: string, config: SubgraphConfig, roles: SubgraphRoles): Promise<SubgraphKeys> {
  const development = config.developmentKeysDir;
  // Its credential speaks for it to the access service (policy, audit) and to the live service (events).
  const callsAccess = (roles.governed && config.governance.ACCESS_URL !== undefined) || config.liveEvents !== undefined;
  return {
    gatewayTokens: await loadGatewayTokenVerifier(config.gatewayJwksPath, development),
    ...(callsAccess ? { credential: await loadServiceCredential(name, config.governance.SERVICE_PRIVATE_KEY_PATH, development) } : {}),
    ...(roles.receivesServiceCalls ? { serviceCallers: await loadServiceCallers(config.serviceJwksPath, development) } : {}),
  };
}
