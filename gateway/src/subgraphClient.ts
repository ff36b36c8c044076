import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

/** Forwards the caller's verified token and stated purpose, so each subgraph re-checks who is asking. */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('authorization' in context)) return;
    request.http?.headers.set('authorization', context.authorization);
    if (context.purpose) request.http?.headers.set('x-access-purpose', context.purpose);
  }
}
