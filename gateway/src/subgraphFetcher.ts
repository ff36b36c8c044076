import type { Fetcher } from '@apollo/utils.fetcher';
import { currentRequestSignal } from '@civic/runtime';
import { Agent, fetch } from 'undici';

/**
 * Subgraph calls over a sized pool of kept-alive connections per subgraph (undici). Apollo Gateway's
 * default, make-fetch-happen, keeps connections alive too, but its pool cannot be sized and it wraps
 * every call in HTTP-cache and retry layers that a gateway talking to its own subgraphs does not use.
 * Each call ends at the fetch timeout (answer and body), or earlier when the request it serves passes
 * its deadline or loses its client; a frozen subgraph then costs a request no more than the timeout.
 */
export function keepAliveFetcher(connectionsPerSubgraph: number, fetchTimeoutMs: number): Fetcher {
  // Below the subgraphs' 65 s server keep-alive, so the gateway, not the server, closes idle sockets.
  const dispatcher = new Agent({ connections: connectionsPerSubgraph, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
  return ((url: string, init?: Parameters<typeof fetch>[1]) => fetch(url, { ...init, dispatcher, signal: fetchSignal(fetchTimeoutMs) })) as unknown as Fetcher;
}

function fetchSignal(fetchTimeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(fetchTimeoutMs);
  const request = currentRequestSignal();
  return request ? AbortSignal.any([timeout, request]) : timeout;
}
