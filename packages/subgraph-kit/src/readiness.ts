import type { PolicySource } from '@civic/governance';
import { reasonsOf, sendJson, SharedProbe, type DatabaseState, type ExtraRoute, type Logger, type Orm, type PolicyState, type Storage, type SubgraphReadiness } from '@civic/runtime';

/** How long a database check stands: a storm of probes costs at most one round trip a second. */
const DATABASE_CHECK_FRESH_MS = 1000;

/**
 * Names a failure by the first code in its chain (a SQLSTATE such as 57P01, a system error such as
 * ECONNREFUSED): enough to act on, without the server's address or any SQL, which only the log gets.
 */
function failure(error: unknown): string {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string') return `the check failed (${code})`;
  }
  return 'the check failed';
}

/**
 * The subgraph's own database, checked with `select 1` through the serving pool (what requests use)
 * at most once a second, one check at a time, each waited for at most `timeoutMs`. Logs each change
 * between up and down with the error, which the answer leaves out.
 */
export function databaseProbe(orm: Orm, logger: Logger, timeoutMs: number): SharedProbe<DatabaseState> {
  let wasUp = true;
  const observed = (state: DatabaseState, error?: unknown): DatabaseState => {
    const up = state.state === 'up';
    if (up && !wasUp) logger.info('the database answers again: ready');
    if (!up && wasUp) logger.warn({ err: error, reason: state.reason }, 'the database does not answer: not ready');
    wasUp = up;
    return state;
  };
  const check = async (): Promise<DatabaseState> => {
    const result = await orm.checkConnection();
    return result.ok ? observed({ state: 'up' }) : observed({ state: 'down', reason: failure(result.error) }, result.error);
  };
  return new SharedProbe(check, {
    timeoutMs,
    freshMs: DATABASE_CHECK_FRESH_MS,
    unavailable: (cause) =>
      'afterMs' in cause ? observed({ state: 'down', reason: `no answer after ${cause.afterMs} ms` }) : observed({ state: 'down', reason: failure(cause.error) }, cause.error),
  });
}

export interface ReadinessSources {
  service: string;
  storage: Storage;
  database: SharedProbe<DatabaseState>;
  /** A governed subgraph's policy source. */
  policy?: PolicySource;
}

function policyState(policy: PolicySource): PolicyState {
  const version = policy.version();
  return version === null ? { state: 'none', reason: 'none received from the access service yet; every classified field is denied until one arrives' } : { state: 'in force', version };
}

/** Ready: its database answers and, if governed, a policy is in force. */
export async function subgraphReadiness(sources: ReadinessSources): Promise<SubgraphReadiness> {
  const database = await sources.database.result();
  const policy = sources.policy && policyState(sources.policy);
  const reasons = reasonsOf([
    database.state === 'down' && `database: ${database.reason}`,
    policy?.state === 'none' && `policy: ${policy.reason}`,
  ]);
  return {
    status: reasons.length ? 'not ready' : 'ready',
    service: sources.service,
    pid: process.pid,
    storage: sources.storage.kind,
    database,
    ...(policy ? { policy } : {}),
    reasons,
  };
}

/** /readyz and /health: 200 when ready, 503 when not, the body saying why (see observability/readiness.ts in runtime). */
export function readinessRoute(sources: ReadinessSources): ExtraRoute {
  return async (_req, res) => {
    const readiness = await subgraphReadiness(sources);
    sendJson(res, readiness.status === 'ready' ? 200 : 503, readiness);
  };
}
