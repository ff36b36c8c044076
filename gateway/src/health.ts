import cluster from 'node:cluster';
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
 * The pid of the process that was started (a worker answers with its primary's): the launcher checks
 * that it is talking to the gateway it started, not another platform's on the same port.
 */
function servicePid(): number {
  return cluster.isWorker ? process.ppid : process.pid;
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
  sendJson(res, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable', gateway: gatewayReady ? 'up' : 'starting', pid: servicePid(), subgraphs: byName });
}
