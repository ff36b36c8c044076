import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { subgraphFetchSeconds } from '@civic/runtime';
import type { GatewayContext } from './context.js';
import { deduplicateRepresentations, expandEntities, type SubgraphResponse } from './entityDeduplication.js';

/**
 * Sends the gateway-issued identity, so each subgraph decides for itself what this caller may see,
 * asks for each distinct entity once (see entityDeduplication.ts), and times each call (send, answer, parse).
 */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    options: { url: string; fetcher: Fetcher },
  ) {
    super(options);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ('subgraphAuthorization' in context) request.http?.headers.set('authorization', context.subgraphAuthorization);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const stopTimer = subgraphFetchSeconds.startTimer({ subgraph: this.subgraph });
    try {
      return await this.deduplicatedProcess(options);
    } finally {
      stopTimer();
    }
  }

  private async deduplicatedProcess(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const representations: unknown = options.request.variables?.representations;
    if (!Array.isArray(representations)) return super.process(options);
    const { unique, uniqueIndexOf } = deduplicateRepresentations(representations);
    if (unique.length === representations.length) return super.process(options);
    const request = { ...options.request, variables: { ...options.request.variables, representations: unique } };
    return expandEntities(await super.process({ ...options, request }), uniqueIndexOf);
  }
}
