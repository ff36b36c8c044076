/**
 * What the operational routes mean, for every service (Kubernetes' semantics):
 * - `/livez` (liveness): the process is up and its event loop answers. It checks nothing else, so an
 *   outage of a database or another service never gets a healthy process restarted.
 * - `/readyz` (readiness): the service can do its work now; 200 when it can, 503 when it cannot, the body
 *   saying why. A subgraph needs its own database and, if governed, a policy in force; the gateway needs
 *   every data subgraph ready, and answers 200 `degraded` when only the access service's capabilities
 *   are missing (see gateway/src/health.ts).
 * - `/health`: the same answer as `/readyz`, kept for people, scripts, the launcher and compose files
 *   that ask for it by that name.
 * Both readiness bodies carry the process id: the launcher checks that a port answers for the process
 * it started, not another platform's.
 */

/** A subgraph's own database, as its last check found it. */
export type DatabaseState = { state: 'up' } | { state: 'down'; reason: string };

/** A governed subgraph's policy: none until the first version arrives from the access service. */
export type PolicyState = { state: 'in force'; version: number } | { state: 'none'; reason: string };

export interface SubgraphReadiness {
  status: 'ready' | 'not ready';
  service: string;
  pid: number;
  storage: 'pglite' | 'postgresql';
  database: DatabaseState;
  /** Governed subgraphs only. */
  policy?: PolicyState;
  /** Why it is not ready, one sentence each; empty when it is. */
  reasons: string[];
}

/** The reasons that are reasons: each condition of readiness gives a sentence when it fails, or false. */
export function reasonsOf(conditions: (string | false | undefined)[]): string[] {
  return conditions.filter((reason): reason is string => typeof reason === 'string');
}
