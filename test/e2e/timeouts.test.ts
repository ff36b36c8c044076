import pg from 'pg';
import { databaseUrl, graphql, startTestPlatform, tokenFor, type TestPlatform } from '@civic/testkit';
import { startGatewayProcess, subgraphUrlEnv } from './support/gatewayProcess';
import { runningPlatforms } from './support/platforms';

/**
 * Timeouts and cancellation through real processes, on a platform of its own with small timeouts:
 * a frozen subgraph (SIGSTOP), a table locked behind a subgraph's back, a client that gives up.
 * PostgreSQL only: PGlite runs inside the subgraph's process and cannot be locked from outside.
 */
// Inner timeouts shorter than outer ones, as in the defaults: statement < subgraph deadline < fetch < request.
const STATEMENT_TIMEOUT_MS = 3000;
const FETCH_TIMEOUT_MS = 5000;
const TIMEOUTS = {
  GATEWAY_SUBGRAPH_TIMEOUT_MS: String(FETCH_TIMEOUT_MS),
  GATEWAY_REQUEST_TIMEOUT_MS: '20000',
  SUBGRAPH_REQUEST_TIMEOUT_MS: '4000',
  DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  DATABASE_ACQUIRE_TIMEOUT_MS: '2000',
};
/** What a busy shared machine may add to a timeout before the answer arrives. */
const SLACK_MS = 2500;
const PLATFORM_START_MS = 20 * 60_000;

const onPostgres = runningPlatforms().some((p) => p.backend === 'postgresql');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(check: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const found = await check();
    if (found !== undefined) return found;
    await sleep(25);
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

(onPostgres ? describe : describe.skip)('timeouts and cancellation (PostgreSQL)', () => {
  let platform: TestPlatform;
  let token: string;
  let incident: { id: string; title: string; buildingId: string };
  let populationDb: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ backend: 'postgresql', root: process.cwd(), residents: 200, env: TIMEOUTS });
    populationDb = databaseUrl(platform.databases.population!);
    token = await tokenFor('police');
    const { data, errors } = await graphql(platform.gatewayUrl, '{ incidents(first: 20) { edges { node { id title building { id } } } } }', {}, { token });
    expect(errors).toBeUndefined();
    const node = data!.incidents.edges.map((e: any) => e.node).find((n: any) => n.building);
    incident = { id: node.id, title: node.title, buildingId: node.building.id };
  }, PLATFORM_START_MS);
  afterAll(async () => {
    await platform?.dispose();
  });

  /** Holds an ACCESS EXCLUSIVE lock on a table of the population database until released. */
  async function lockTable(table: string): Promise<{ release: () => Promise<void> }> {
    const locker = new pg.Client({ connectionString: populationDb });
    await locker.connect();
    await locker.query('begin');
    await locker.query(`lock table ${table} in access exclusive mode`);
    return {
      release: async () => {
        await locker.query('rollback').catch(() => undefined);
        await locker.end();
      },
    };
  }

  it('answers within the fetch timeout when a subgraph is frozen: its fields null with SUBGRAPH_TIMEOUT, the rest intact, other requests served', async () => {
    const buildings = platform.subgraphs.buildings.child;
    buildings.kill('SIGSTOP');
    try {
      const frozenQuery = timed(() =>
        graphql(
          platform.gatewayUrl,
          'query($building: ID!, $incident: ID!) { building(id: $building) { address } incident(id: $incident) { title building { address } } }',
          { building: incident.buildingId, incident: incident.id },
          { token },
        ),
      );
      // Meanwhile a request that needs only the incidents subgraph is served at once.
      const other = await timed(() => graphql(platform.gatewayUrl, 'query($id: ID!) { incident(id: $id) { title } }', { id: incident.id }, { token }));
      expect(other.result.errors).toBeUndefined();
      expect(other.result.data!.incident.title).toBe(incident.title);
      expect(other.ms).toBeLessThan(FETCH_TIMEOUT_MS);

      const { result, ms } = await frozenQuery;
      expect(ms).toBeGreaterThanOrEqual(FETCH_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(FETCH_TIMEOUT_MS + SLACK_MS);
      expect(result.status).toBe(200);
      expect(result.data).toEqual({ building: null, incident: { title: incident.title, building: null } });
      // One error per failed fetch: the root fetch of `building`, and the entity fetch of the incident's building.
      const errors = (result.errors ?? []).map((e) => ({ path: e.path, code: e.extensions?.code, service: e.extensions?.service }));
      expect(errors).toEqual(
        expect.arrayContaining([
          { path: ['building'], code: 'SUBGRAPH_TIMEOUT', service: 'buildings' },
          { path: ['incident', 'building', 'address'], code: 'SUBGRAPH_TIMEOUT', service: 'buildings' },
        ]),
      );
      expect(errors).toHaveLength(2);
    } finally {
      buildings.kill('SIGCONT');
    }
    // Thawed, the subgraph answers again.
    const after = await graphql(platform.gatewayUrl, 'query($id: ID!) { building(id: $id) { address } }', { id: incident.buildingId }, { token });
    expect(after.errors).toBeUndefined();
  });

  it("answers 504 REQUEST_TIMEOUT at the gateway's own deadline when it comes before the fetch timeout", async () => {
    const deadlineMs = 1500;
    const subgraphUrls = Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.url]));
    // A second gateway in front of the same subgraphs, with a request deadline shorter than its fetch timeout.
    const gateway = await startGatewayProcess({
      ...subgraphUrlEnv(subgraphUrls),
      GATEWAY_REQUEST_TIMEOUT_MS: String(deadlineMs),
      GATEWAY_SUBGRAPH_TIMEOUT_MS: String(FETCH_TIMEOUT_MS),
    });
    const buildings = platform.subgraphs.buildings.child;
    buildings.kill('SIGSTOP');
    try {
      const { result, ms } = await timed(() => graphql(gateway.url, 'query($id: ID!) { building(id: $id) { address } }', { id: incident.buildingId }, { token }));
      expect(result.status).toBe(504);
      expect(result.data).toBeUndefined();
      expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'REQUEST_TIMEOUT' }) })]);
      expect(ms).toBeGreaterThanOrEqual(deadlineMs - 100);
      expect(ms).toBeLessThan(FETCH_TIMEOUT_MS);
    } finally {
      buildings.kill('SIGCONT');
      await gateway.stop();
    }
  });

  it('turns a statement blocked past the statement timeout into DATABASE_TIMEOUT, without SQL, the other subgraphs intact', async () => {
    const lock = await lockTable('resident');
    try {
      const { result, ms } = await timed(() =>
        graphql(platform.gatewayUrl, 'query($incident: ID!) { resident(id: "1") { name } incident(id: $incident) { title } }', { incident: incident.id }, { token }),
      );
      expect(ms).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(STATEMENT_TIMEOUT_MS + SLACK_MS);
      expect(result.data).toEqual({ resident: null, incident: { title: incident.title } });
      expect(result.errors).toHaveLength(1);
      const [error] = result.errors!;
      expect(error).toMatchObject({ path: ['resident'], extensions: { code: 'DATABASE_TIMEOUT', serviceName: 'population' } });
      expect(error!.message).not.toMatch(/select|from|"resident"|canceling statement/i);
    } finally {
      await lock.release();
    }
  });

  it("cancels the subgraph's statement when the client gives up", async () => {
    const lock = await lockTable('resident');
    const admin = new pg.Client({ connectionString: populationDb });
    await admin.connect();
    const client = new AbortController();
    try {
      const request = fetch(platform.gatewayUrl, {
        method: 'POST',
        signal: client.signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ resident(id: "1") { name } }' }),
      }).catch((error: Error) => error);
      // The population subgraph's statement, waiting for the lock.
      const blocked = async () =>
        (await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from \"resident\"%'")).rows[0];
      const { pid } = await eventually(blocked, 10_000, 'the statement waiting for the lock');
      client.abort();
      const abortedAt = Date.now();
      expect(await request).toMatchObject({ name: 'AbortError' });
      const stillRunning = async () => (await admin.query("select 1 from pg_stat_activity where pid = $1 and state = 'active'", [pid])).rowCount === 0 || undefined;
      await eventually(stillRunning, STATEMENT_TIMEOUT_MS, 'the cancelled statement gone');
      // Well before the statement timeout could have ended it, and while the lock is still held.
      expect(Date.now() - abortedAt).toBeLessThan(STATEMENT_TIMEOUT_MS / 2);
    } finally {
      await admin.end();
      await lock.release();
    }
    // The subgraph's pool is intact: the next request is served normally.
    const after = await graphql(platform.gatewayUrl, '{ resident(id: "1") { name } }', {}, { token });
    expect(after.errors).toBeUndefined();
    // A cancelled statement is expected, not a failure: nothing is logged as an unexpected error.
    expect(platform.subgraphs.population.output.filter((line) => line.includes('unexpected error'))).toEqual([]);
  });

  it('answers at once with SUBGRAPH_UNAVAILABLE, path and service when a subgraph is down, the rest intact', async () => {
    const incidents = platform.subgraphs.incidents.child;
    incidents.kill('SIGTERM');
    await new Promise((resolve) => incidents.once('exit', resolve));
    try {
      const { result, ms } = await timed(() =>
        graphql(platform.gatewayUrl, 'query($building: ID!, $incident: ID!) { building(id: $building) { id } incident(id: $incident) { title } }', { building: incident.buildingId, incident: incident.id }, { token }),
      );
      expect(ms).toBeLessThan(FETCH_TIMEOUT_MS);
      expect(result.data).toEqual({ building: { id: incident.buildingId }, incident: null });
      expect(result.errors).toEqual([expect.objectContaining({ path: ['incident'], extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', service: 'incidents' }) })]);
    } finally {
      await platform.restartSubgraph('incidents');
    }
  });
});
