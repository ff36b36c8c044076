import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

/** Sends the gateway-issued identity, so each subgraph decides for itself what this caller may see. */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ('subgraphAuthorization' in context) request.http?.headers.set('authorization', context.subgraphAuthorization);
  }
}
