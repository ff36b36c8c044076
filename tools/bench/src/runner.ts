import { runLoad, type LoadRequest, type LoadResult } from './load.js';
import { startCostWindow, untilIdle, type MeasuredService } from './measure.js';
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

const loadRequests = (workload: Workload, on: RunTarget): LoadRequest[] =>
  workload.requests.map((r) => ({ body: r.body, headers: { authorization: `Bearer ${on.tokens[r.caller]}` } }));

/** The workload sent for the warm-up's seconds, nothing measured but the throughput. */
export function warmUp(workload: Workload, on: RunTarget, settings: LoadSettings): Promise<LoadResult> {
  return runLoad({ url: on.url, requests: loadRequests(workload, on), connections: settings.connections, until: { seconds: settings.warmupSeconds } });
}

/**
 * A timed warm-up gives the throughput; the measured load is then as many requests as that
 * throughput serves in the chosen duration, each answered before the window closes, and starts only
 * once the requests the warm-up abandoned are done, so the window holds the measured requests' work
 * and nothing else.
 */
export async function measureWorkload(workload: Workload, on: RunTarget, settings: LoadSettings): Promise<RunReport> {
  const requests = loadRequests(workload, on);
  const answerBytes = await probe(on.url, requests);
  const warmup = await warmUp(workload, on, settings);
  await untilIdle(on.services);
  const window = await startCostWindow(on.services);
  const load = await runLoad({ url: on.url, requests, connections: settings.connections, until: { requests: Math.round(warmup.requestsPerSecond * settings.durationSeconds) } });
  const { services, foreignCpuShare } = await window.finish();
  return runReport(workload.name, workload.title, on.target, answerBytes, load, services, foreignCpuShare);
}
