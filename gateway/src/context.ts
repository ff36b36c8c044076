import type { Identity } from '@civic/runtime';

export interface GatewayContext {
  identity: Identity;
  /** The identity re-signed by the gateway for the subgraphs (they accept nothing else). */
  subgraphAuthorization: string;
}
