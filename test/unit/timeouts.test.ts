import { parse } from 'graphql';
import { GraphQLError } from 'graphql';
import { ConfigError, databaseFailureOf, RequestDeadlineExceeded, untilAborted } from '@civic/runtime';
import { subgraphConfigFromEnv } from '@civic/subgraph-kit';
import { gatewayConfigFromEnv } from '@civic/gateway';
import { failedFetchPath, subgraphFailureOf } from '@civic/gateway/subgraphFailure';

describe('which part timed out', () => {
  it('tells a subgraph that timed out from one that cannot be reached, and passes anything else on', () => {
    expect(subgraphFailureOf(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 3000)).toEqual({
      code: 'SUBGRAPH_TIMEOUT',
      reason: 'did not answer within 3000 ms',
    });
    const answered = (status: number) => new GraphQLError(`${status}: x`, { extensions: { response: { status } } });
    expect(subgraphFailureOf(answered(504), 3000)?.code).toBe('SUBGRAPH_TIMEOUT');
    expect(subgraphFailureOf(answered(503), 3000)?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(subgraphFailureOf(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), 3000)?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(subgraphFailureOf(answered(401), 3000)).toBeUndefined();
    expect(subgraphFailureOf(new RequestDeadlineExceeded(30_000), 3000)).toBeUndefined();
  });

  it("places a failed fetch's error at its first field: a root field, or the first entity's field", () => {
    expect(failedFetchPath(parse('query Q__buildings__0($id: ID!) { b: building(id: $id) { address } buildings { totalCount } }'))).toEqual(['b']);
    expect(failedFetchPath(parse('query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Building { address } } }'))).toEqual([
      '_entities',
      0,
      'address',
    ]);
    expect(
      failedFetchPath(parse('query($r: [_Any!]!) { _entities(representations: $r) { ...B } } fragment B on Building { __typename residents { totalCount } }')),
    ).toEqual(['_entities', 0, 'residents']);
  });

  it('names database timeouts by SQLSTATE and pool message, never with the SQL', () => {
    const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });
    const statement = databaseFailureOf(driverError('57014', 'select "r0".* from "resident" - canceling statement due to statement timeout'));
    expect(statement?.code).toBe('DATABASE_TIMEOUT');
    expect(statement?.message).not.toMatch(/select|resident/);
    expect(databaseFailureOf(new Error('wrapped', { cause: new Error('timeout exceeded when trying to connect') }))?.code).toBe('DATABASE_TIMEOUT');
    expect(databaseFailureOf(driverError('57014', 'canceling statement due to user request'))?.code).toBe('REQUEST_CANCELLED');
    expect(databaseFailureOf(driverError('23505', 'duplicate key value'))).toBeUndefined();
  });
});

describe('waiting until a request is abandoned', () => {
  it("settles with the work's result, or with the abort's reason as soon as the signal fires", async () => {
    await expect(untilAborted(new AbortController().signal, Promise.resolve(42))).resolves.toBe(42);
    const controller = new AbortController();
    const never = new Promise<number>(() => undefined);
    const waiting = untilAborted(controller.signal, never);
    controller.abort(new RequestDeadlineExceeded(5));
    await expect(waiting).rejects.toBeInstanceOf(RequestDeadlineExceeded);
  });
});

describe('timeout configuration', () => {
  it('has defaults a city hall can live with, inner timeouts shorter than outer ones', () => {
    const gateway = gatewayConfigFromEnv({});
    const subgraph = subgraphConfigFromEnv('population', 4001, {});
    expect(gateway).toMatchObject({ requestTimeoutMs: 30_000, subgraphTimeoutMs: 10_000 });
    expect(subgraph).toMatchObject({ requestTimeoutMs: 9000, databaseTimeouts: { statementMs: 8000, acquireMs: 5000 } });
    expect(subgraph.databaseTimeouts.statementMs).toBeLessThan(subgraph.requestTimeoutMs);
    expect(subgraph.requestTimeoutMs).toBeLessThan(gateway.subgraphTimeoutMs);
    expect(gateway.subgraphTimeoutMs).toBeLessThan(gateway.requestTimeoutMs);
  });

  it('refuses a timeout that is not a positive number of milliseconds, naming each variable', () => {
    const problems = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
        throw error;
      }
      return [];
    };
    expect(problems(() => gatewayConfigFromEnv({ GATEWAY_REQUEST_TIMEOUT_MS: '0', GATEWAY_SUBGRAPH_TIMEOUT_MS: '10s' }))).toEqual([
      'GATEWAY_REQUEST_TIMEOUT_MS',
      'GATEWAY_SUBGRAPH_TIMEOUT_MS',
    ]);
    expect(
      problems(() => subgraphConfigFromEnv('population', 4001, { SUBGRAPH_REQUEST_TIMEOUT_MS: '-1', DATABASE_STATEMENT_TIMEOUT_MS: 'x', DATABASE_ACQUIRE_TIMEOUT_MS: '1.5' })),
    ).toEqual(['DATABASE_STATEMENT_TIMEOUT_MS', 'DATABASE_ACQUIRE_TIMEOUT_MS', 'SUBGRAPH_REQUEST_TIMEOUT_MS']);
  });
});
