import type { Identity } from '@civic/shared/identity';

export interface GatewayContext {
  identity: Identity;
  /** The identity re-signed by the gateway for the subgraphs (they accept nothing else). */
  subgraphAuthorization: string;
}
