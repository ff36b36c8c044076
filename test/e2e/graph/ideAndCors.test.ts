import { join } from 'node:path';
import { KEY_FILES } from '@civic/runtime';
import { TEST_KEYS_DIR, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { startGatewayProcess, subgraphUrlEnv, type GatewayProcess } from '../support/gatewayProcess';
import { expectAnswerHeaders } from '../support/securityHeaders';

/**
 * Gateways of their own, each started with one setting the shared platforms do not use, in front of the
 * shared platform's subgraphs: whether the IDE is served (NODE_ENV, GRAPHQL_IDE), and CORS_ORIGINS.
 */
const platform = runningPlatforms()[0]!;
const subgraphs = subgraphUrlEnv(platform.subgraphUrls);
/** What production requires of the gateway: the identity provider's public keys and a private key of its own. */
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWKS_PATH: join(TEST_KEYS_DIR, KEY_FILES.identityProviderJwks),
  GATEWAY_PRIVATE_KEY_PATH: join(TEST_KEYS_DIR, KEY_FILES.gatewayPrivateKey),
  SERVICE_PRIVATE_KEY_PATH: join(TEST_KEYS_DIR, KEY_FILES.servicePrivateKey('gateway')),
};

async function ideStatus(env: Record<string, string>): Promise<number> {
  const gateway = await startGatewayProcess({ ...subgraphs, ...env });
  try {
    const response = await fetch(`${gateway.origin}/graphiql`);
    return response.status;
  } finally {
    await gateway.stop();
  }
}

describe('where the IDE is served', () => {
  it.each([
    ['NODE_ENV=production', PRODUCTION, 404],
    ['NODE_ENV=production GRAPHQL_IDE=on', { ...PRODUCTION, GRAPHQL_IDE: 'on' }, 200],
    ['NODE_ENV=development', { NODE_ENV: 'development' }, 200],
    ['NODE_ENV=development GRAPHQL_IDE=off', { NODE_ENV: 'development', GRAPHQL_IDE: 'off' }, 404],
  ])('%s: /graphiql answers %i', async (_settings, env, status) => {
    expect(await ideStatus(env)).toBe(status);
  });
});

describe('CORS_ORIGINS=http://app.example.test,https://console.city.example', () => {
  const ALLOWED = 'http://app.example.test';
  let gateway: GatewayProcess;
  let url: string;

  beforeAll(async () => {
    gateway = await startGatewayProcess({ ...subgraphs, NODE_ENV: 'development', CORS_ORIGINS: `${ALLOWED}, https://console.city.example` });
    url = `${gateway.origin}/graphql`;
  });
  afterAll(() => gateway?.stop());

  const preflight = (origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-access-purpose' },
    });
  const query = async (origin: string) =>
    fetch(url, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('police')}` },
      body: JSON.stringify({ query: '{ residents(first: 1) { totalCount } }' }),
    });

  it("answers an allowed origin's preflight 204 with what its app may send, for 10 minutes", async () => {
    const response = await preflight(ALLOWED);
    expect(response.status).toBe(204);
    expect(Object.fromEntries(['access-control-allow-origin', 'vary', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age'].map((name) => [name, response.headers.get(name)]))).toEqual({
      'access-control-allow-origin': ALLOWED,
      vary: 'Origin',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'authorization,content-type,x-access-purpose,apollo-require-preflight',
      'access-control-max-age': '600',
    });
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expectAnswerHeaders(response, 'an allowed preflight');
  });

  it("lets the allowed origin's app read its answer", async () => {
    const response = await query(ALLOWED);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('vary')).toMatch(/Origin/);
    expect(((await response.json()) as { data: { residents: { totalCount: number } } }).data.residents.totalCount).toBeGreaterThan(0);
  });

  it('refuses the preflight of an origin not listed (403, no CORS header), and gives its requests no allow header', async () => {
    for (const origin of ['http://evil.example.test', 'http://app.example.test:8080', 'https://app.example.test']) {
      const response = await preflight(origin);
      expect([origin, response.status, response.headers.get('access-control-allow-origin'), response.headers.get('access-control-allow-headers')]).toEqual([origin, 403, null, null]);
      expect((await query(origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it("still runs Apollo's CSRF prevention for requests a browser sends without a preflight", async () => {
    const simple = await fetch(url, { method: 'POST', headers: { origin: 'http://evil.example.test', 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/i);
  });

  // This gateway has no LIVE_URL: its live stream path tells clients to poll instead.
  it('answers /graphql/stream 503 LIVE_UNAVAILABLE (fallback: poll) without LIVE_URL, readable by the allowed origin', async () => {
    const response = await fetch(`${gateway.origin}/graphql/stream`, {
      method: 'POST',
      headers: { origin: ALLOWED, accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('police')}` },
      body: JSON.stringify({ query: 'subscription { incidentFeed { eventId } }' }),
    });
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([503, ALLOWED]);
    expect(((await response.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).toEqual({ code: 'LIVE_UNAVAILABLE', fallback: 'poll', retryable: false });
  });
});
