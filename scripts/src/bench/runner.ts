import { runLoad, type LoadRequest } from './load.js';
import { startCostWindow, type MeasuredService } from './measure.js';
import { runReport, type RunReport, type Target } from './report.js';
import type { Caller, Workload } from './workloads.js';

/** Where a workload is sent, with whose tokens, and which processes pay for it. */
export interface RunTarget {
  target: Target;
  url: string;
  tokens: Record<Caller, string>;
  services: MeasuredService[];
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/**
 * Sends each distinct request once: its answer size is reported, and a workload that answers with
 * errors stops the benchmark before it measures a broken query.
 */
async function probe(url: string, requests: LoadRequest[]): Promise<number[]> {
  const sizes: number[] = [];
  for (const request of new Map(requests.map((r) => [r.body + r.headers.authorization, r])).values()) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
    const text = await response.text();
    const errors = (JSON.parse(text) as { errors?: unknown[] }).errors;
    if (!response.ok || errors) throw new Error(`${url} answered ${response.status} with errors ${JSON.stringify(errors)} to ${request.body.slice(0, 200)}`);
    sizes.push(Buffer.byteLength(text));
  }
  return sizes;
}

/** Warm-up (unmeasured), then the measured load with the processes' costs over exactly that window. */
export async function measureWorkload(workload: Workload, on: RunTarget, settings: LoadSettings): Promise<RunReport> {
  const requests: LoadRequest[] = workload.requests.map((r) => ({ body: r.body, headers: { authorization: `Bearer ${on.tokens[r.caller]}` } }));
  const answerBytes = await probe(on.url, requests);
  await runLoad({ url: on.url, requests, connections: settings.connections, durationSeconds: settings.warmupSeconds });
  const window = await startCostWindow(on.services);
  const load = await runLoad({ url: on.url, requests, connections: settings.connections, durationSeconds: settings.durationSeconds });
  const costs = await window.finish();
  return runReport(workload.name, workload.title, on.target, answerBytes, load, costs);
}
