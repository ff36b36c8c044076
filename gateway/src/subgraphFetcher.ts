import type { Fetcher } from '@apollo/utils.fetcher';
import { Agent, fetch } from 'undici';

/**
 * Subgraph calls over a sized pool of kept-alive connections per subgraph (undici). Apollo Gateway's
 * default, make-fetch-happen, keeps connections alive too, but its pool cannot be sized and it wraps
 * every call in HTTP-cache and retry layers that a gateway talking to its own subgraphs does not use.
 */
export function keepAliveFetcher(connectionsPerSubgraph: number): Fetcher {
  // Below the subgraphs' 65 s server keep-alive, so the gateway, not the server, closes idle sockets.
  const dispatcher = new Agent({ connections: connectionsPerSubgraph, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
  return ((url: string, init?: Parameters<typeof fetch>[1]) => fetch(url, { ...init, dispatcher })) as unknown as Fetcher;
}
