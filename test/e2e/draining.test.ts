import type { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { startTestPlatform, tokenFor, type TestPlatform } from '@civic/testkit';
import { startGatewayProcess, subgraphUrlEnv } from './support/gatewayProcess';

/**
 * SIGTERM under load, through real processes on real ports: 16 connections each with a request in
 * flight; every one must be answered in full, new connections refused, the process gone with exit 0.
 * A platform of its own, since the test stops its services.
 */
const CONNECTIONS = 16;
const PLATFORM_START_MS = 20 * 60_000;
/** Ceilings, not expectations: a busy shared machine must not turn load into timeouts. */
const LENIENT_TIMEOUTS = { SUBGRAPH_REQUEST_TIMEOUT_MS: '120000', GATEWAY_SUBGRAPH_TIMEOUT_MS: '120000', GATEWAY_REQUEST_TIMEOUT_MS: '180000' };
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

describe('draining on SIGTERM (PGlite)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ backend: 'pglite', root: process.cwd(), residents: 300, env: { ...LENIENT_TIMEOUTS, AUDIT_FORWARD_MS: String(3_600_000) } });
  }, PLATFORM_START_MS);
  afterAll(async () => {
    await platform?.dispose();
  });

  const subgraphUrls = () => Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.url]));

  it('the gateway answers all 16 requests in flight, says "draining" on a kept-alive connection, refuses new connections and exits 0', async () => {
    const gateway = await startGatewayProcess({ ...subgraphUrlEnv(subgraphUrls()), ...LENIENT_TIMEOUTS, LOG_LEVEL: 'info' });
    const token = await tokenFor('police');
    const probe = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await get(`${gateway.origin}/readyz`, probe)).status).toBe(200);
      const requests = Array.from({ length: CONNECTIONS }, () => post(gateway.url, { query: DEEP_QUERY, variables: { code: DEEP_GRID } }, token));
      await eventually(async () => ((await inFlight(gateway.origin)) >= CONNECTIONS ? true : undefined), 'all requests in flight');
      const exited = exitOf(gateway.child);
      gateway.child.kill('SIGTERM');
      await eventually(async () => ((await refused(gateway.port)) ? true : undefined), 'new connections refused');
      // The probe's connection was idle and kept alive: it is answered, told draining, and closed.
      const readiness = await get(`${gateway.origin}/readyz`, probe);
      expect(readiness).toMatchObject({ status: 503, body: { status: 'draining' }, connection: 'close' });
      const { answered, cut } = await outcomes(requests);
      expect(cut).toEqual([]);
      for (const answer of answered) expect(answer).toMatchObject({ status: 200, body: { data: { grid: { residents: { edges: expect.any(Array) } } } } });
      expect(answered.filter((a) => a.body?.errors)).toEqual([]);
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(gateway.output()).toContain('"cut":0');
    } finally {
      probe.destroy();
      await gateway.stop();
    }
  });
});
