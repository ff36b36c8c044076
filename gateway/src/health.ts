import type { ServerResponse } from 'node:http';
import { sendJson } from '@civic/runtime';

export type SubgraphState = 'up' | 'down';

async function probe(graphqlUrl: string, path: string): Promise<SubgraphState> {
  const url = new URL(path, graphqlUrl);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/**
 * 200 once every subgraph answers its own probe (`/health` for /health, `/readyz` for /readyz), 503
 * before; the body names each subgraph's state.
 */
export async function reportHealth(res: ServerResponse, subgraphs: Record<string, string>, gatewayReady: boolean, probePath = '/health'): Promise<void> {
  const names = Object.keys(subgraphs);
  const states = await Promise.all(names.map((name) => probe(subgraphs[name]!, probePath)));
  const byName = Object.fromEntries(names.map((name, i) => [name, states[i]]));
  const healthy = gatewayReady && states.every((s) => s === 'up');
  sendJson(res, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable', gateway: gatewayReady ? 'up' : 'starting', subgraphs: byName });
}
