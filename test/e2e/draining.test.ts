import type { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import pg from 'pg';
import { databaseUrl, gatewayIssuedTokenFor, graphql, startTestPlatform, tokenFor, type TestPlatform } from '@civic/testkit';
import { startGatewayProcess, subgraphUrlEnv } from './support/gatewayProcess';
import { runningPlatforms } from './support/platforms';

/**
 * SIGTERM under load, through real processes on real ports: 16 connections each with a request in
 * flight; every one must be answered in full, new connections refused, the process gone with exit 0.
 * A platform of its own on PostgreSQL (the test stops its services), whose subgraphs never ship audit
 * records on their timer, so that what reaches the access service was shipped by the stop.
 *
 * The requests are held in flight by the database, not by the machine's speed: the test locks the
 * residents' table, so every request waits inside the service until the lock is released, which the
 * test does only after the signal has been given and new connections are refused.
 */
const CONNECTIONS = 16;
const PLATFORM_START_MS = 20 * 60_000;
/** Ceilings, not expectations: a busy shared machine must not turn load into timeouts. */
const LENIENT_TIMEOUTS = {
  DATABASE_STATEMENT_TIMEOUT_MS: '120000',
  DATABASE_ACQUIRE_TIMEOUT_MS: '120000',
  SUBGRAPH_REQUEST_TIMEOUT_MS: '120000',
  GATEWAY_SUBGRAPH_TIMEOUT_MS: '120000',
  GATEWAY_REQUEST_TIMEOUT_MS: '180000',
  SHUTDOWN_GRACE_MS: '60000',
};
const WITHIN_MS = 120_000;

/** Slow-ish: three subgraphs, a page of residents with their buildings' hazards and incidents. */
const DEEP_QUERY = `query Drain($code: String!) { grid(code: $code) { residents(first: 30) { edges { node {
  id name idNumber building { id address hazards { id category } incidents { id title dispatches { id } } }
} } } } }`;
const DEEP_GRID = '330101001001001';

interface Answer {
  status: number;
  body: { data?: unknown; errors?: unknown[] } | undefined;
  connection: string | undefined;
}

/** One POST on a connection of its own, or through `agent`; rejects with the socket error if cut. */
function post(url: string, body: unknown, token: string, agent: Agent | false = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function get(url: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Locks a table of a subgraph's database until release(): every query of it waits meanwhile. */
async function holdTable(database: string, table: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  await client.query('begin');
  await client.query(`lock table "${table}" in access exclusive mode`);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('commit');
      await client.end();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(check: () => Promise<T | undefined>, what: string, ms = WITHIN_MS): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const found = await check();
    if (found !== undefined) return found;
    await sleep(10);
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

/** The service's own count of GraphQL requests received and not yet answered. */
async function inFlight(origin: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', origin))).text();
  return Number(/^civic_graphql_requests_in_flight (\d+)$/m.exec(text)![1]);
}

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Settles every request, answered or cut, so that a cut request is counted rather than thrown. */
async function outcomes(requests: Promise<Answer>[]): Promise<{ answered: Answer[]; cut: string[] }> {
  const settled = await Promise.allSettled(requests);
  return {
    answered: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    cut: settled.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as NodeJS.ErrnoException).code ?? s.reason)] : [])),
  };
}

const onPostgres = runningPlatforms().some((p) => p.backend === 'postgresql');
if (!onPostgres) process.stderr.write('[test] draining: skipped, no PostgreSQL server answers at 127.0.0.1:5432 (the test holds requests with a table lock)\n');

(onPostgres ? describe : describe.skip)('draining on SIGTERM (PostgreSQL)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ backend: 'postgresql', root: process.cwd(), residents: 300, env: { ...LENIENT_TIMEOUTS, AUDIT_FORWARD_MS: String(3_600_000) } });
  }, PLATFORM_START_MS);
  afterAll(async () => {
    await platform?.dispose();
  });

  const subgraphUrls = () => Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.url]));
  const holdResidents = () => holdTable(platform.databases.population!, 'resident');
  const deepQueries = (url: string, token: string) => Array.from({ length: CONNECTIONS }, () => post(url, { query: DEEP_QUERY, variables: { code: DEEP_GRID } }, token));
  const expectDeepAnswers = (answered: Answer[]) => {
    expect(answered).toHaveLength(CONNECTIONS);
    for (const answer of answered) expect(answer).toMatchObject({ status: 200, body: { data: { grid: { residents: { edges: expect.any(Array) } } } } });
    expect(answered.filter((a) => a.body?.errors)).toEqual([]);
  };

  it('the gateway answers all 16 requests in flight, says "draining" on a kept-alive connection, refuses new connections and exits 0', async () => {
    const gateway = await startGatewayProcess({ ...subgraphUrlEnv(subgraphUrls()), ...LENIENT_TIMEOUTS, LOG_LEVEL: 'info' });
    const token = await tokenFor('police');
    const probe = new Agent({ keepAlive: true, maxSockets: 1 });
    const hold = await holdResidents();
    try {
      expect((await get(`${gateway.origin}/readyz`, probe)).status).toBe(200);
      const requests = deepQueries(gateway.url, token);
      await eventually(async () => ((await inFlight(gateway.origin)) >= CONNECTIONS ? true : undefined), 'all requests in flight');
      const exited = exitOf(gateway.child);
      gateway.child.kill('SIGTERM');
      await eventually(async () => ((await refused(gateway.port)) ? true : undefined), 'new connections refused');
      // The probe's connection was idle and kept alive: it is answered, told draining, and closed.
      const readiness = await get(`${gateway.origin}/readyz`, probe);
      expect(readiness).toMatchObject({ status: 503, body: { status: 'draining' }, connection: 'close' });
      await hold.release();
      const { answered, cut } = await outcomes(requests);
      expect(cut).toEqual([]);
      expectDeepAnswers(answered);
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(gateway.output()).toContain('"cut":0');
    } finally {
      await hold.release();
      probe.destroy();
      await gateway.stop();
    }
  });

  it('a gateway with two workers passes the signal on: each drains, every request is answered, the primary exits 0', async () => {
    const gateway = await startGatewayProcess({ ...subgraphUrlEnv(subgraphUrls()), ...LENIENT_TIMEOUTS, LOG_LEVEL: 'info', GATEWAY_WORKERS: '2' });
    const token = await tokenFor('police');
    const hold = await holdResidents();
    try {
      // /livez answers once one worker listens; the other may still be loading its modules.
      await eventually(async () => (gateway.output().split('"msg":"gateway ready"').length > 2 ? true : undefined), 'both workers ready');
      const requests = deepQueries(gateway.url, token);
      // Each scrape reaches one worker: once one holds its share, both hold requests.
      await eventually(async () => ((await inFlight(gateway.origin)) >= CONNECTIONS / 4 ? true : undefined), 'requests in flight');
      const exited = exitOf(gateway.child);
      gateway.child.kill('SIGTERM');
      await eventually(async () => ((await refused(gateway.port)) ? true : undefined), 'new connections refused');
      await hold.release();
      const { answered, cut } = await outcomes(requests);
      expect(cut).toEqual([]);
      expectDeepAnswers(answered);
      expect({ exit: await exited, output: gateway.output() }).toMatchObject({ exit: { code: 0, signal: null } });
      const drained = gateway.output().split('\n').filter((line) => line.includes('"msg":"drained'));
      expect(drained).toHaveLength(2);
      for (const line of drained) expect(JSON.parse(line)).toMatchObject({ cut: 0 });
    } finally {
      await hold.release();
      await gateway.stop();
    }
  });

  it('a subgraph answers all 16 requests in flight, refuses new connections, ships their audit records to the access service and exits 0', async () => {
    const population = platform.subgraphs.population;
    const origin = new URL(population.url).origin;
    const subject = `drain-${Date.now()}`;
    const reader = await gatewayIssuedTokenFor('police', { subject, expiresIn: '30m' });
    const officer = await gatewayIssuedTokenFor('police', { role: 'data-officer', expiresIn: '30m' });
    const audited = async () => {
      const { data, errors } = await graphql(platform.subgraphs.access.url, 'query($s: String!) { auditRecords(filter: { subject: $s }) { totalCount } }', { s: subject }, { token: officer });
      expect(errors).toBeUndefined();
      return data!.auditRecords.totalCount as number;
    };
    const page = { query: '{ residents(first: 100) { edges { node { id idNumber } } } }' };
    const hold = await holdResidents();
    try {
      const requests = Array.from({ length: CONNECTIONS }, () => post(population.url, page, reader));
      await eventually(async () => ((await inFlight(origin)) >= CONNECTIONS ? true : undefined), 'all requests in flight');
      const exited = exitOf(population.child);
      population.child.kill('SIGTERM');
      await eventually(async () => ((await refused(population.port)) ? true : undefined), 'new connections refused');
      await hold.release();
      const { answered, cut } = await outcomes(requests);
      expect(cut).toEqual([]);
      expect(answered.filter((a) => a.status !== 200 || a.body?.errors)).toEqual([]);
      expect(await exited).toEqual({ code: 0, signal: null });
      // One audit record per classified value answered, each in the access service as the subgraph exits.
      const idNumbersRead = answered.flatMap((a) => (a.body!.data as { residents: { edges: { node: { idNumber: string | null } }[] } }).residents.edges).filter((e) => e.node.idNumber !== null).length;
      expect(idNumbersRead).toBeGreaterThan(0);
      expect(await audited()).toBe(idNumbersRead);
    } finally {
      await hold.release();
    }
  });
});
