import { STATUS_CODES } from 'node:http';
import { currentRequestSignal } from '@civic/runtime';
import { GraphQLError } from 'graphql';
import { Agent } from 'undici';
import type { SubgraphResponse } from './entityDeduplication.js';
import { SubgraphUnreachableError } from './subgraphFailure.js';

/** Sends one operation (already JSON) to a subgraph and gives its parsed answer, or throws what went wrong. */
export type SubgraphCall = (url: string, headers: Record<string, string>, body: string) => Promise<SubgraphResponse>;

/**
 * Subgraph calls over a sized pool of kept-alive connections per subgraph (undici). Apollo Gateway's
 * default, make-fetch-happen, keeps connections alive too, but its pool cannot be sized and it wraps
 * every call in HTTP-cache and retry layers that a gateway talking to its own subgraphs does not use.
 * It goes through undici's plain request API, not fetch: WHATWG fetch's Request, Headers, streams and
 * argument checks were 11% of the gateway's CPU on the deep query, for nothing a POST of JSON needs.
 * Each call ends at the fetch timeout (answer and body), or earlier when the request it serves passes
 * its deadline or loses its client; a frozen subgraph then costs a request no more than the timeout.
 */
export function keepAliveSubgraphCall(connectionsPerSubgraph: number, fetchTimeoutMs: number): SubgraphCall {
  // Below the subgraphs' 65 s server keep-alive, so the gateway, not the server, closes idle sockets.
  const dispatcher = new Agent({ connections: connectionsPerSubgraph, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      targets.set(url, target);
    }
    return target;
  };
  return async (url, headers, body) => {
    const signal = fetchSignal(fetchTimeoutMs);
    // A timeout or an abandoned request rejects with the signal's reason; anything else is the transport.
    const failure = (error: unknown) => (signal.aborted ? signal.reason : new SubgraphUnreachableError(url, error));
    const answer = await dispatcher.request({ ...targetOf(url), method: 'POST', headers, body, signal }).catch((error: unknown) => {
      throw failure(error);
    });
    const text = await answer.body.text().catch((error: unknown) => {
      throw failure(error);
    });
    const contentType = String(answer.headers['content-type'] ?? '');
    const parsed: unknown = /^application\/(graphql-response\+)?json/.test(contentType) ? JSON.parse(text) : text;
    if (answer.statusCode < 200 || answer.statusCode > 299) throw httpError(url, answer.statusCode, parsed);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`Expected JSON response body, but received: ${text.slice(0, 200)}`);
    return parsed as SubgraphResponse;
  };
}

/** An answer that is not 2xx, as Apollo Gateway's own data source reports it (subgraphFailure.ts reads its status). */
function httpError(url: string, status: number, body: unknown): GraphQLError {
  const statusText = STATUS_CODES[status] ?? '';
  const code = status === 401 ? { code: 'UNAUTHENTICATED' } : status === 403 ? { code: 'FORBIDDEN' } : {};
  return new GraphQLError(`${status}: ${statusText}`, { extensions: { response: { url, status, statusText, body }, ...code } });
}

function fetchSignal(fetchTimeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(fetchTimeoutMs);
  const request = currentRequestSignal();
  return request ? AbortSignal.any([timeout, request]) : timeout;
}
