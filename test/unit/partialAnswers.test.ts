import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { databaseFailureOf, formatErrorFor, type Logger } from '@civic/runtime';
import { namingTheService, valueCompletionAsErrors } from '@civic/gateway/partialAnswers';
import { collapsingTransientErrors } from '@civic/gateway/transientErrors';

/** A logger whose lines the test reads. */
function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line)) };
}

/** A driver error as pg raises it and MikroORM passes it on: SQLSTATE or system error code, and pg's message. */
const driverError = (code: string | undefined, message: string) => Object.assign(new Error(message), code ? { code } : {});

describe('a database that is down, restarting or unreachable', () => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection because of crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['57P03', 'the database system is shutting down'],
    ['08006', 'connection failure'],
    ['53300', 'sorry, too many clients already'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
    ['ECONNRESET', 'read ECONNRESET'],
    [undefined, 'Connection terminated unexpectedly'],
    [undefined, 'Client has encountered a connection error and is not queryable'],
    [undefined, 'PGlite is closed'],
  ])('is DATABASE_UNAVAILABLE (%s: %s)', (code, message) => {
    const failure = databaseFailureOf(new Error('select "r0".* from "resident" as "r0" where "r0"."id" = 7 - ' + message, { cause: driverError(code, message) }));
    expect(failure?.code).toBe('DATABASE_UNAVAILABLE');
    expect(failure?.message).not.toMatch(/select|resident|127\.0\.0\.1/);
  });

  it('stays apart from the timeouts and from errors of the statement itself', () => {
    expect(databaseFailureOf(driverError(undefined, 'Connection terminated due to connection timeout'))?.code).toBe('DATABASE_TIMEOUT');
    expect(databaseFailureOf(driverError(undefined, 'timeout exceeded when trying to connect'))?.code).toBe('DATABASE_TIMEOUT');
    expect(databaseFailureOf(driverError('23505', 'duplicate key value violates unique constraint'))).toBeUndefined();
    expect(databaseFailureOf(driverError('42P01', 'relation "resident" does not exist'))).toBeUndefined();
  });
});

describe('errors a client may retry', () => {
  const format = (error: GraphQLError, logger: Logger) => formatErrorFor(logger)(error.toJSON(), error);

  it('marks transient failures retryable and keeps the details in the log', () => {
    const { logger, lines } = capturingLogger();
    const dropped = new GraphQLError('x', { path: ['resident'], originalError: new Error('select 1 - terminating connection', { cause: driverError('57P01', 'terminating connection due to administrator command') }) });
    expect(format(dropped, logger)).toEqual({
      message: expect.not.stringMatching(/select|terminating/),
      path: ['resident'],
      extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true },
    });
    expect(lines()).toEqual([expect.objectContaining({ level: 40, code: 'DATABASE_UNAVAILABLE', err: expect.objectContaining({ message: expect.stringMatching(/terminating connection/) }) })]);
    for (const code of ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'DATABASE_TIMEOUT']) {
      expect(format(new GraphQLError('x', { extensions: { code, service: 'buildings' } }), logger).extensions).toEqual({ code, service: 'buildings', retryable: true });
    }
  });

  it('does not mark what a retry would not change', () => {
    const { logger } = capturingLogger();
    for (const code of ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'REQUEST_CANCELLED']) {
      expect(format(new GraphQLError('x', { extensions: { code } }), logger).extensions).toEqual({ code });
    }
    expect(format(new GraphQLError('x', { originalError: new Error('a bug') }), logger).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe("the gateway's errors from subgraphs", () => {
  it('name the subgraph in extensions.service, whatever the code', () => {
    const { logger } = capturingLogger();
    const format = namingTheService(formatErrorFor(logger));
    // As Apollo Gateway passes on a subgraph's error: its extensions, and serviceName.
    const fromSubgraph = new GraphQLError('x', { path: ['resident'], extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: 'population' } });
    expect(format(fromSubgraph.toJSON(), fromSubgraph).extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', service: 'population', retryable: true });
    const bug = new GraphQLError('relation "resident" does not exist', { path: ['resident'], extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'population' } });
    expect(format(bug.toJSON(), bug)).toEqual({ message: 'Internal server error', path: ['resident'], extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'population' } });
    const own = new GraphQLError('x', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(format(own.toJSON(), own).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});

describe("the gateway's value-completion entries", () => {
  async function send(singleResult: Record<string, unknown>, logger: Logger) {
    const listener = await valueCompletionAsErrors(logger).requestDidStart!({} as never);
    const response = { body: { kind: 'single', singleResult } };
    await listener!.willSendResponse!({ response, operationName: 'Deep' } as never);
    return response.body.singleResult;
  }

  it('become internal errors at their paths, the details logged', async () => {
    const { logger, lines } = capturingLogger();
    const entry = new GraphQLError('Cannot return null for non-nullable field Incident.gridCode.', { path: ['dispatch', 'incident', 'gridCode'], extensions: { code: 'INVALID_GRAPHQL' } });
    const sent = await send({ data: { dispatch: { incident: null } }, extensions: { valueCompletion: [entry] } }, logger);
    expect(sent).toEqual({ data: { dispatch: { incident: null } }, errors: [{ message: 'Internal server error', path: ['dispatch', 'incident', 'gridCode'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(lines()).toEqual([expect.objectContaining({ level: 50, valueCompletion: [{ message: entry.message, path: entry.path }] })]);
  });

  it('leave an answer without them as it is', async () => {
    const { logger, lines } = capturingLogger();
    const answer = { data: { dispatch: null }, errors: [{ message: 'm', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] };
    expect(await send({ ...answer }, logger)).toEqual(answer);
    expect(lines()).toEqual([]);
  });
});

describe('an entity fetch whose subgraph failed for every entity alike', () => {
  const unavailable = (index: number) => ({ message: 'The database is unavailable', path: ['_entities', index], extensions: { code: 'DATABASE_UNAVAILABLE' } });

  it('is told once, the other failed entities still failed rather than absent', () => {
    const answer = { data: { _entities: [null, null, null, null] }, errors: [unavailable(0), unavailable(1), unavailable(3)] };
    // Entity 2 came back null without an error: the subgraph did not return it, and stays so.
    expect(collapsingTransientErrors(answer)).toEqual({ data: { _entities: [null, {}, null, {}] }, errors: [unavailable(0)] });
  });

  it('keeps every error about a record, and errors of a root fetch', () => {
    const forbidden = (index: number) => ({ message: 'Resident.careCategories is not yours to read', path: ['_entities', index, 'careCategories'], extensions: { code: 'FORBIDDEN' } });
    const records = { data: { _entities: [{ careCategories: null }, { careCategories: null }] }, errors: [forbidden(0), forbidden(1)] };
    expect(collapsingTransientErrors(records)).toEqual(records);
    const root = { data: { a: null, b: null }, errors: [{ message: 'm', path: ['a'], extensions: { code: 'DATABASE_UNAVAILABLE' } }, { message: 'm', path: ['b'], extensions: { code: 'DATABASE_UNAVAILABLE' } }] };
    expect(collapsingTransientErrors(root)).toEqual(root);
  });
});
