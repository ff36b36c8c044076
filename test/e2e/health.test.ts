import { freePort } from '@civic/launcher';
import { graphql, startPostgresCluster, startTestPlatform, tokenFor, type PostgresCluster, type TestPlatform } from '@civic/testkit';
import { startGatewayProcess, subgraphUrlEnv } from './support/gatewayProcess';

/**
 * Readiness and liveness through real faults, on a platform of its own: PGlite, except the buildings
 * subgraph, whose database is on a PostgreSQL server of this test's own (freezing or stopping the
 * shared server would break every other test). Default readiness settings: a subgraph waits 2 s for its
 * database and keeps a check for 1 s. No subgraph is restarted (a PGlite restart takes minutes on a
 * busy machine): a second gateway shows a data subgraph that cannot be reached, and the access
 * service is stopped last.
 */
const PLATFORM_START_MS = 20 * 60_000;
/** Ceilings, not expectations: what the defaults give in about 3 s may take longer on a busy machine. */
const NOT_READY_WITHIN_MS = 20_000;
const READY_AGAIN_WITHIN_MS = 60_000;
const DATA_QUERY = '{ residents(first: 3) { edges { node { name building { address } } } } }';

interface Readiness {
  status: string;
  subgraphs?: Record<string, string>;
  database?: { state: string; reason?: string };
  reasons: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readiness(serviceUrl: string, path = '/readyz'): Promise<{ code: number; body: Readiness }> {
  const response = await fetch(new URL(path, serviceUrl));
  return { code: response.status, body: (await response.json()) as Readiness };
}

/** Polls until `check` gives a value; returns it with the time it took. */
async function eventually<T>(check: () => Promise<T | undefined>, ms: number, what: string): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const value = await check();
    if (value !== undefined) return { value, ms: Date.now() - started };
    await sleep(100);
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

const whenStatus = (serviceUrl: string, code: number) => async () => {
  const answer = await readiness(serviceUrl);
  return answer.code === code ? answer : undefined;
};

describe('readiness and liveness through faults', () => {
  let cluster: PostgresCluster;
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    platform = await startTestPlatform({ backend: 'pglite', root: process.cwd(), residents: 200, env: { BUILDINGS_DATABASE_URL: cluster.url('civic_buildings') } });
    token = await tokenFor('police');
  }, PLATFORM_START_MS);
  afterAll(async () => {
    try {
      await platform?.dispose();
    } finally {
      await cluster?.dispose();
    }
  });

  const gateway = () => platform.gatewayUrl;
  const buildings = () => platform.subgraphs.buildings.url;
  const expectDataQueryServed = async (url = gateway()) => {
    const { data, errors } = await graphql(url, DATA_QUERY, {}, { token });
    expect(errors).toBeUndefined();
    expect(data!.residents.edges.map((e: any) => typeof e.node.building.address)).toEqual(['string', 'string', 'string']);
  };

  it('takes a subgraph whose database freezes out of readiness within seconds, naming its database, alive all along; ready again when it thaws', async () => {
    expect((await readiness(gateway())).body.status).toBe('ready');
    expect((await readiness(buildings())).code).toBe(200);
    cluster.freeze();
    try {
      const notReady = await eventually(whenStatus(buildings(), 503), NOT_READY_WITHIN_MS, 'buildings not ready');
      expect(notReady.value.body).toMatchObject({ status: 'not ready', database: { state: 'down' }, reasons: [expect.stringMatching(/^database: no answer after \d+ ms$/)] });
      expect((await fetch(new URL('/livez', buildings()))).status).toBe(200);
      const { code, body } = await readiness(gateway());
      expect({ code, status: body.status, buildings: body.subgraphs!.buildings }).toEqual({ code: 503, status: 'not ready', buildings: 'database down' });
      expect(body.reasons).toEqual([expect.stringMatching(/^buildings: database down \(database: no answer after \d+ ms\); its data cannot be served$/)]);
      expect((await fetch(new URL('/livez', gateway()))).status).toBe(200);
      process.stderr.write(`\n[test] buildings not ready ${notReady.ms} ms after its database froze\n`);
    } finally {
      cluster.thaw();
    }
    const ready = await eventually(whenStatus(buildings(), 200), READY_AGAIN_WITHIN_MS, 'buildings ready again');
    process.stderr.write(`[test] buildings ready ${ready.ms} ms after its database thawed\n`);
    expect((await readiness(gateway())).code).toBe(200);
    await expectDataQueryServed();
  });

  it('is not ready while its database is stopped, naming why, and ready again once the database is back', async () => {
    await cluster.stop('fast');
    try {
      const notReady = await eventually(whenStatus(buildings(), 503), NOT_READY_WITHIN_MS, 'buildings not ready');
      expect(notReady.value.body).toMatchObject({ database: { state: 'down', reason: expect.stringMatching(/^the check failed/) } });
      expect((await fetch(new URL('/livez', buildings()))).status).toBe(200);
    } finally {
      await cluster.start();
    }
    await eventually(whenStatus(buildings(), 200), READY_AGAIN_WITHIN_MS, 'buildings ready again');
    await expectDataQueryServed();
  });

  it('is not ready (503) while a data subgraph cannot be reached, naming it, yet alive', async () => {
    // A second gateway, to which incidents is down (nothing listens on its port): the platform's stays whole.
    const subgraphUrls = Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.url]));
    const other = await startGatewayProcess({ ...subgraphUrlEnv(subgraphUrls), INCIDENTS_URL: `http://127.0.0.1:${await freePort()}/graphql` });
    try {
      const { code, body } = await readiness(other.url);
      expect({ code, status: body.status, incidents: body.subgraphs!.incidents, population: body.subgraphs!.population }).toEqual({ code: 503, status: 'not ready', incidents: 'down', population: 'up' });
      expect(body.reasons).toEqual([expect.stringMatching(/^incidents: down \(could not be reached\); its data cannot be served$/)]);
      expect((await fetch(new URL('/livez', other.url))).status).toBe(200);
    } finally {
      await other.stop();
    }
  });

  // Last: the access service stays down.
  it('stays ready for data queries while the access service is down: 200 degraded, naming only the access service', async () => {
    const access = platform.subgraphs.access.child;
    access.kill('SIGTERM');
    await new Promise((resolve) => access.once('exit', resolve));
    for (const path of ['/readyz', '/health']) {
      const { code, body } = await readiness(gateway(), path);
      expect({ path, code, status: body.status, access: body.subgraphs!.access, buildings: body.subgraphs!.buildings }).toEqual({ path, code: 200, status: 'degraded', access: 'down', buildings: 'up' });
      // The gateway keeps the purpose catalogue it had, as the subgraphs keep their policy: only the access service's own capabilities are missing.
      expect(body.reasons).toEqual([expect.stringMatching(/^access: down \(could not be reached\); sharing, policy editing and audit queries are unavailable; data queries work/)]);
    }
    await expectDataQueryServed();
    for (const name of ['population', 'buildings', 'incidents', 'resources'] as const) {
      expect([name, (await readiness(platform.subgraphs[name].url)).code]).toEqual([name, 200]);
    }
  });
});
