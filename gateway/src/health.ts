import cluster from 'node:cluster';
import { reasonsOf, sendJson, SharedProbe, type ExtraRoute, type SubgraphReadiness } from '@civic/runtime';
import { subgraphFailureOf } from './subgraphFailure.js';

/**
 * The gateway's readiness, by capability (see observability/readiness.ts in runtime for what each route means):
 * - `ready` (200): every subgraph is ready and the purpose catalogue is known.
 * - `degraded` (200): data queries work, but the access service or what the gateway gets from it is
 *   missing; `reasons` says what.
 * - `not ready` (503): the gateway cannot serve data queries (a data subgraph is not ready) or is stopping.
 */
export type GatewayStatus = 'ready' | 'degraded' | 'not ready';

/** A subgraph as the gateway sees it: what its /readyz says, or `down` when it does not answer. */
export type SubgraphState = 'up' | 'down' | 'database down' | 'no policy' | 'not ready';

export interface SubgraphView {
  state: SubgraphState;
  /** Why it is not up: its own reasons, or why it did not answer. */
  reasons: string[];
}

/** The subgraph holding the policy, grants, sharing requests and the audit trail; every other subgraph holds data. */
const ACCESS_SUBGRAPH = 'access';

/**
 * The gateway keeps no result: each answer is as fresh as the subgraphs' own (a subgraph keeps its
 * database check for a second), and probes that arrive together share one request per subgraph.
 */
const SUBGRAPH_CHECK_FRESH_MS = 0;

export interface GatewayConditions {
  /** False once the gateway stops taking requests. */
  accepting: boolean;
  /** The purpose catalogue has arrived from the access service (a stated purpose can be checked). */
  purposesKnown: boolean;
  subgraphs: Record<string, SubgraphView>;
}

export interface GatewayReadiness {
  status: GatewayStatus;
  pid: number;
  gateway: 'up' | 'stopping';
  subgraphs: Record<string, SubgraphState>;
  /** What is missing and what that means for callers, one sentence each; empty when ready. */
  reasons: string[];
}

/** What a subgraph's /readyz answer says about it. */
export function subgraphViewOf(status: number, body: Partial<SubgraphReadiness>): SubgraphView {
  if (status === 200) return { state: 'up', reasons: [] };
  const reasons = Array.isArray(body.reasons) ? body.reasons.filter((r) => typeof r === 'string') : [`answered ${status}`];
  if (body.database?.state === 'down') return { state: 'database down', reasons };
  if (body.policy?.state === 'none') return { state: 'no policy', reasons };
  return { state: 'not ready', reasons };
}

const detail = (view: SubgraphView) => (view.reasons.length ? ` (${view.reasons.join('; ')})` : '');

/** The verdict from what the gateway knows: by capability, so the access service alone never takes data queries down. */
export function gatewayReadiness(conditions: GatewayConditions): Omit<GatewayReadiness, 'pid'> {
  const entries = Object.entries(conditions.subgraphs);
  const access = conditions.subgraphs[ACCESS_SUBGRAPH];
  const dataDown = entries.filter(([name, view]) => name !== ACCESS_SUBGRAPH && view.state !== 'up');
  const notReady = reasonsOf([
    !conditions.accepting && 'gateway: stopping; it takes no new requests',
    ...dataDown.map(([name, view]) => `${name}: ${view.state}${detail(view)}; its data cannot be served`),
  ]);
  const missing = reasonsOf([
    access !== undefined && access.state !== 'up' &&
      `access: ${access.state}${detail(access)}; sharing, policy editing and audit queries are unavailable; data queries work with the policy each subgraph last received`,
    !conditions.purposesKnown &&
      'purpose catalogue: not received from the access service yet; requests stating a purpose (x-access-purpose) are refused, requests without one are served',
  ]);
  const status: GatewayStatus = notReady.length ? 'not ready' : missing.length ? 'degraded' : 'ready';
  return {
    status,
    gateway: conditions.accepting ? 'up' : 'stopping',
    subgraphs: Object.fromEntries(entries.map(([name, view]) => [name, view.state])),
    reasons: [...notReady, ...missing],
  };
}

/** Asks one subgraph's /readyz, one request at a time, waiting at most `timeoutMs`. */
function subgraphProbe(graphqlUrl: string, timeoutMs: number): SharedProbe<SubgraphView> {
  const check = async (): Promise<SubgraphView> => {
    // Aborted at the timeout, so a frozen subgraph never holds the one probe in flight past it.
    const response = await fetch(new URL('/readyz', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json().catch(() => ({}))) as Partial<SubgraphReadiness>;
    return subgraphViewOf(response.status, body);
  };
  return new SharedProbe(check, {
    timeoutMs,
    freshMs: SUBGRAPH_CHECK_FRESH_MS,
    unavailable: (cause) => ({
      state: 'down',
      reasons: ['afterMs' in cause ? `no answer after ${cause.afterMs} ms` : (subgraphFailureOf(cause.error, timeoutMs)?.reason ?? 'its answer could not be read')],
    }),
  });
}

/**
 * The pid of the process that was started (a worker answers with its primary's): the launcher checks
 * that it is talking to the gateway it started, not another platform's on the same port.
 */
function servicePid(): number {
  return cluster.isWorker ? process.ppid : process.pid;
}

export interface ReadinessSources {
  subgraphs: Record<string, string>;
  timeoutMs: number;
  accepting: () => boolean;
  purposesKnown: () => boolean;
}

/** The /readyz and /health route of the gateway: 200 when ready or degraded, 503 when data queries cannot be served. */
export function gatewayReadinessRoute(sources: ReadinessSources): ExtraRoute {
  const probes = Object.entries(sources.subgraphs).map(([name, url]) => [name, subgraphProbe(url, sources.timeoutMs)] as const);
  return async (_req, res) => {
    const views = await Promise.all(probes.map(async ([name, probe]) => [name, await probe.result()] as const));
    const readiness = gatewayReadiness({ accepting: sources.accepting(), purposesKnown: sources.purposesKnown(), subgraphs: Object.fromEntries(views) });
    sendJson(res, readiness.status === 'not ready' ? 503 : 200, { ...readiness, pid: servicePid() } satisfies GatewayReadiness);
  };
}
