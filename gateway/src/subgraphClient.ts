import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parse } from 'graphql';
import { subgraphFetchSeconds, type Logger } from '@civic/runtime';
import type { GatewayContext } from './context.js';
import { deduplicateRepresentations, expandEntities, type SubgraphResponse } from './entityDeduplication.js';
import type { SubgraphCall } from './subgraphFetcher.js';
import { failedFetchPath, subgraphFailureOf } from './subgraphFailure.js';
import { collapsingTransientErrors } from './transientErrors.js';

/**
 * Sends the gateway-issued identity, so each subgraph decides for itself what this caller may see,
 * asks for each distinct entity once (see entityDeduplication.ts), and times each call (send, answer, parse).
 * A subgraph that times out or cannot be reached becomes one error for this fetch (its fields null,
 * the rest of the answer intact) naming the subgraph, instead of Apollo's generic downstream error;
 * the cause goes to the log only. A transient failure inside the subgraph that every entity of the
 * fetch reports is told once (see transientErrors.ts).
 *
 * It is Apollo's GraphQLDataSource itself, not its RemoteGraphQLDataSource: that one builds node-fetch
 * Headers and a node-fetch Request (parsing the URL) around every call, and reads cache-control and
 * persisted-query answers the gateway never uses (cache hints and APQ to subgraphs are off).
 */
export class IdentityForwardingDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    private readonly options: { url: string; call: SubgraphCall; fetchTimeoutMs: number; logger: Logger },
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const stopTimer = subgraphFetchSeconds.startTimer({ subgraph: this.subgraph });
    try {
      return collapsingTransientErrors(await this.deduplicatedProcess(options));
    } catch (error) {
      const failure = subgraphFailureOf(error, this.options.fetchTimeoutMs);
      if (!failure) throw error;
      const path = options.request.query ? failedFetchPath(parse(options.request.query)) : undefined;
      this.options.logger.warn({ err: error, subgraph: this.subgraph, code: failure.code, path }, `the ${this.subgraph} subgraph ${failure.reason}`);
      return { errors: [{ message: `The ${this.subgraph} subgraph ${failure.reason}`, ...(path ? { path } : {}), extensions: { code: failure.code, service: this.subgraph } }] };
    } finally {
      stopTimer();
    }
  }

  private async deduplicatedProcess(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const representations: unknown = options.request.variables?.representations;
    if (!Array.isArray(representations)) return this.send(options.request, options.context);
    const { unique, uniqueIndexOf } = deduplicateRepresentations(representations);
    if (unique.length === representations.length) return this.send(options.request, options.context);
    const request = { ...options.request, variables: { ...options.request.variables, representations: unique } };
    return expandEntities(await this.send(request, options.context), uniqueIndexOf);
  }

  private send({ query, variables, operationName, extensions }: GraphQLDataSourceProcessOptions<GatewayContext>['request'], context: Partial<GatewayContext>): Promise<SubgraphResponse> {
    if (!query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (context.subgraphAuthorization) headers.authorization = context.subgraphAuthorization;
    return this.options.call(this.options.url, headers, JSON.stringify({ query, variables, operationName, extensions }));
  }
}
