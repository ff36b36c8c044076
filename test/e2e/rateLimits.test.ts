import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { freePort } from '@civic/launcher';
import { tokenFor } from '@civic/testkit';
import { runningPlatforms } from './support/platforms';
import { startGatewayProcess, subgraphUrlEnv, type GatewayProcess } from './support/gatewayProcess';

/**
 * Gateways of their own with small rate limits, in front of the subgraphs the global setup started:
 * 3 requests per user and 5 per department in a window of 60 s.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SMALL_LIMITS = { GATEWAY_RATE_LIMIT_USER: '3', GATEWAY_RATE_LIMIT_DEPARTMENT: '5', GATEWAY_RATE_WINDOW_S: '60' };

type Gateway = GatewayProcess;

function startGateway(env: Record<string, string>): Promise<Gateway> {
  return startGatewayProcess({ ...subgraphUrlEnv(runningPlatforms()[0]!.subgraphUrls), LOG_LEVEL: 'info', ...env });
}

async function stopGateway(gateway: Gateway | undefined): Promise<void> {
  await gateway?.stop();
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One request on a connection of its own, so that a gateway's workers (node:cluster hands out connections) all take some. */
function ask(gateway: Gateway, token: string): Promise<Answer> {
  const body = JSON.stringify({ query: '{ departments { code } }' });
  return new Promise((resolve, reject) => {
    const sent = request(gateway.url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<Answer, 'status' | 'retryAfter'>;
        resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'], ...parsed });
      });
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const statuses = async (gateway: Gateway, token: string, count: number) => {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await ask(gateway, token)).status);
  return seen;
};

function expectRateLimited(answer: Answer, limit: 'user' | 'department', allowed: number) {
  expect(answer.status).toBe(429);
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit, allowed });
  expect(answer.errors![0]!.message).toContain(`${limit} limit of ${allowed}`);
}

const run = randomBytes(4).toString('hex');
const tokens = (department: 'fire' | 'police', user: string) => tokenFor(department, { subject: `rate-${run}-${user}` });

describe('rate limits per user and per department, in memory', () => {
  let gateway: Gateway | undefined;
  beforeAll(async () => {
    gateway = await startGateway(SMALL_LIMITS);
  });
  afterAll(() => stopGateway(gateway));

  it('refuses a user past their budget with 429 and Retry-After, then their department past its own', async () => {
    const [first, second, other] = await Promise.all([tokens('fire', 'first'), tokens('fire', 'second'), tokens('police', 'other')]);
    expect(await statuses(gateway!, first, 3)).toEqual([200, 200, 200]);
    expectRateLimited(await ask(gateway!, first), 'user', 3);
    // The refused request did not count for the department: 3 of its 5 are spent, so the second user gets 2.
    expect(await statuses(gateway!, second, 2)).toEqual([200, 200]);
    expectRateLimited(await ask(gateway!, second), 'department', 5);
    expect((await ask(gateway!, other)).status).toBe(200);
  });
});

function expectRateLimitedUser(answer: Answer) {
  expectRateLimited(answer, 'user', 3);
}

async function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp) process.stderr.write(`\n[test] no Redis at ${REDIS_URL}: the shared rate limit test is skipped\n`);

(redisUp ? describe : describe.skip)('rate limits shared in Redis by several gateways', () => {
  const prefix = `civic-test:${run}`;
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  let gateways: Gateway[] = [];
  beforeAll(async () => {
    await redis.connect();
    const env = { ...SMALL_LIMITS, REDIS_URL, GATEWAY_RATE_KEY_PREFIX: prefix };
    gateways = await Promise.all([startGateway(env), startGateway({ ...env, GATEWAY_WORKERS: '2' })]);
  });
  afterAll(async () => {
    await Promise.all(gateways.map(stopGateway));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('counts a user across gateway replicas and worker processes together', async () => {
    const [one, two] = gateways;
    const user = await tokens('fire', 'shared');
    expect([...(await statuses(one!, user, 2)), ...(await statuses(two!, user, 1))]).toEqual([200, 200, 200]);
    expectRateLimitedUser(await ask(two!, user));
    expectRateLimitedUser(await ask(one!, user));
    expect(await redis.keys(`${prefix}:user:*`)).toEqual([`${prefix}:user:rate-${run}-shared`]);
  });
});

describe('rate limits when Redis cannot be reached', () => {
  let gateway: Gateway | undefined;
  beforeAll(async () => {
    gateway = await startGateway({ ...SMALL_LIMITS, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, GATEWAY_RATE_KEY_PREFIX: `civic-test:${run}:down` });
  });
  afterAll(() => stopGateway(gateway));

  it('keeps serving, counting in memory, and says so in its log', async () => {
    const user = await tokens('police', 'unreachable');
    expect(await statuses(gateway!, user, 3)).toEqual([200, 200, 200]);
    expectRateLimitedUser(await ask(gateway!, user));
    expect(gateway!.output()).toContain('Redis unreachable: rate limits counted per gateway process in memory');
  });
});
