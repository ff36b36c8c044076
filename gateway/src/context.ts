import type { Identity } from '@civic/shared/identity';

export interface GatewayContext {
  identity: Identity;
  authorization: string;
  purpose?: string;
}
