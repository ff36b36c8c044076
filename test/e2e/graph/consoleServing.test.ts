import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEPARTMENTS, KEY_FILES } from '@civic/runtime';
import { graphql, TEST_KEYS_DIR, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { startGatewayProcess, subgraphUrlEnv, type GatewayProcess } from '../support/gatewayProcess';
import { directivesOf, OUTSIDE_HOSTS } from '../support/securityHeaders';
import { TABLE } from '../../support/whoSeesWhat';

/**
 * The console as the gateway serves it over HTTP: its files, its page's policy, how it signs users in,
 * and the access matrix it shows. The browser side is test/e2e/console/.
 */
const platform = runningPlatforms()[0]!;
const gateway = new URL(platform.gatewayUrl).origin;
const subgraphs = subgraphUrlEnv(platform.subgraphUrls);
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWKS_PATH: join(TEST_KEYS_DIR, KEY_FILES.identityProviderJwks),
  GATEWAY_PRIVATE_KEY_PATH: join(TEST_KEYS_DIR, KEY_FILES.gatewayPrivateKey),
  SERVICE_PRIVATE_KEY_PATH: join(TEST_KEYS_DIR, KEY_FILES.servicePrivateKey('gateway')),
};
const ASSET = readdirSync('console/dist/assets').find((name) => name.endsWith('.js'))!;

const devToken = (origin: string, body: unknown, init: RequestInit = {}) =>
  fetch(`${origin}/console/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...init });

async function withGateway<T>(env: Record<string, string>, use: (gateway: GatewayProcess) => Promise<T>): Promise<T> {
  const started = await startGatewayProcess({ ...subgraphs, ...env });
  try {
    return await use(started);
  } finally {
    await started.stop();
  }
}

describe('the console files', () => {
  it('serves the page with a fresh style nonce per load, under a policy that admits only that nonce and the gateway', async () => {
    const [first, second] = [await fetch(`${gateway}/console`), await fetch(`${gateway}/console/`)];
    const nonces = [];
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const page = await response.text();
      const nonce = /<meta name="csp-nonce" content="([^"]+)"/.exec(page)![1]!;
      expect(directivesOf(response)).toEqual({
        'default-src': ["'none'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", `'nonce-${nonce}'`],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
      });
      expect(page).not.toMatch(OUTSIDE_HOSTS);
      expect(page).not.toMatch(/<script>/);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('lets browsers keep hashed assets for good, with their content type', async () => {
    const response = await fetch(`${gateway}/console/assets/${ASSET}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).not.toMatch(/https?:\/\/(?:cdn|unpkg|esm\.sh|fonts\.googleapis)/);
  });

  it.each(['/console/matrix', '/console/preview/anything'])('answers the screen %s with the page (the app routes it)', async (path) => {
    const response = await fetch(`${gateway}${path}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it.each(['/console/missing.js', '/console/assets/nothing.css', '/console/%zz', '/console/%2e%2e/package.json'])('answers %s 404', async (path) => {
    expect((await fetch(`${gateway}${path}`)).status).toBe(404);
  });

  it('answers a missing build with a page that says so, and the gateway keeps serving GraphQL', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'civic-console-'));
    try {
      await withGateway({ NODE_ENV: 'development', CONSOLE_DIR: empty, LOG_LEVEL: 'warn' }, async (started) => {
        const response = await fetch(`${started.origin}/console/matrix`);
        expect(response.status).toBe(404);
        expect(await response.text()).toContain('The console is not built');
        expect(started.output()).toContain('console: no build found');
        const { data } = await graphql(started.url, '{ areas { code } }', {}, { token: await tokenFor('police') });
        expect(data!.areas.length).toBeGreaterThan(0);
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('development sign-in', () => {
  it('says how to sign in: development choices, no identity provider', async () => {
    expect(await (await fetch(`${gateway}/console/config.json`)).json()).toEqual({ development: { departments: [...DEPARTMENTS], roles: ['officer', 'grid-worker', 'duty', 'data-officer'] }, oidc: null });
  });

  it('mints a token for the department, role and jurisdiction picked, which the gateway then accepts as that user', async () => {
    const response = await devToken(gateway, { department: 'community', role: 'officer', jurisdiction: '330101001' });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const { data, errors } = await graphql(platform.gatewayUrl, '{ residents(first: 200) { edges { node { gridCode } } } }', {}, { token });
    expect(errors).toBeUndefined();
    const codes = data!.residents.edges.map((e: { node: { gridCode: string } }) => e.node.gridCode);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code: string) => code.startsWith('330101001'))).toBe(true);
  });

  it.each([
    ['an unknown department', { department: 'mayor', role: 'officer' }, 400],
    ['an unknown role', { department: 'police', role: 'admin' }, 400],
    ['a jurisdiction that is no grid code', { department: 'police', role: 'officer', jurisdiction: '33-01' }, 400],
  ])('refuses %s', async (_what, body, status) => {
    const response = await devToken(gateway, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it('takes JSON POSTs only (a form on another site cannot send one without a preflight)', async () => {
    expect((await fetch(`${gateway}/console/dev-token`)).status).toBe(405);
    expect((await devToken(gateway, { department: 'police', role: 'officer' }, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });

  it('is not there under NODE_ENV=production (404), and the console offers no development sign-in', async () => {
    await withGateway(PRODUCTION, async (started) => {
      expect((await devToken(started.origin, { department: 'police', role: 'data-officer' })).status).toBe(404);
      expect(await (await fetch(`${started.origin}/console/config.json`)).json()).toEqual({ development: null, oidc: null });
    });
  });

  it('is not there when the gateway trusts an identity provider other than the development one, even in development', async () => {
    await withGateway({ NODE_ENV: 'development', AUTH_JWKS_PATH: join(TEST_KEYS_DIR, KEY_FILES.identityProviderJwks) }, async (started) => {
      expect((await devToken(started.origin, { department: 'police', role: 'data-officer' })).status).toBe(404);
    });
  });
});

describe('OpenID Connect settings', () => {
  it('gives the console the identity provider and client id, and lets the page reach only that provider besides the gateway', async () => {
    const oidc = { CONSOLE_OIDC_ISSUER: 'https://login.city.example/realms/civic', CONSOLE_OIDC_CLIENT_ID: 'civic-console' };
    await withGateway({ ...PRODUCTION, ...oidc }, async (started) => {
      expect(await (await fetch(`${started.origin}/console/config.json`)).json()).toEqual({
        development: null,
        oidc: { authority: oidc.CONSOLE_OIDC_ISSUER, clientId: 'civic-console', scope: 'openid profile' },
      });
      expect(directivesOf(await fetch(`${started.origin}/console`))['connect-src']).toEqual(["'self'", 'https://login.city.example']);
    });
  });
});

describe('accessMatrix', () => {
  const matrixQuery = '{ accessMatrix { version departments rows { field subgraph classification owner cells { department state inside { effect reason ruleIndex } } } } }';

  it("is for data officers only", async () => {
    const { data, errors } = await graphql(platform.gatewayUrl, matrixQuery, {}, { token: await tokenFor('police') });
    expect(data?.accessMatrix ?? null).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('shows each department what the hand-written table says, through the graph', async () => {
    const { data, errors } = await graphql(platform.gatewayUrl, matrixQuery, {}, { token: await tokenFor('civil', { role: 'data-officer' }) });
    expect(errors).toBeUndefined();
    expect(data!.accessMatrix.departments).toEqual([...DEPARTMENTS]);
    const states = Object.fromEntries(data!.accessMatrix.rows.map((row: { field: string; cells: { state: string }[] }) => [row.field, row.cells.map((cell) => cell.state.toLowerCase().replace('_', '-'))]));
    for (const [field, expected] of Object.entries(TABLE)) expect([field, states[field]]).toEqual([field, expected]);
  });
});
