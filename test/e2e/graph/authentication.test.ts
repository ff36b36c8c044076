import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { bundledEntry, freePort } from '@civic/launcher';
import { signToken, type SigningKey } from '@civic/runtime';
import { graphql, TEST_KEYS_DIR, testIdentityProvider, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const QUERY = '{ residents(first: 1) { totalCount } }';

/** A key pair of the test's own: an identity provider the platform has never heard of. */
async function strangerKey(kid: string): Promise<{ signer: SigningKey; publicJwk: Record<string, unknown> }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { signer: { kid, alg: 'ES256', key: privateKey }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

describe.each(eachBackend())('authentication (%s)', (_backend, platform) => {
  const targets = () => [['gateway', platform.gatewayUrl], ...Object.entries(platform.subgraphUrls)] as const;

  async function unauthenticatedMessage(url: string, token?: string): Promise<string> {
    const response = await graphql(url, QUERY, {}, token ? { token } : {});
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    return response.errors![0]!.message;
  }

  async function expectUnauthenticated(url: string, token?: string) {
    await unauthenticatedMessage(url, token);
  }

  it('refuses a request without a token, at the gateway and at every subgraph called directly', async () => {
    for (const [, url] of targets()) await expectUnauthenticated(url);
  });

  it('refuses a token signed by a key the identity provider does not publish, even under its key id', async () => {
    const idp = await testIdentityProvider();
    for (const kid of [idp.kid, 'unknown-key']) {
      const forged = await tokenFor('police', { signer: (await strangerKey(kid)).signer });
      for (const [, url] of targets()) await expectUnauthenticated(url, forged);
      expect(await unauthenticatedMessage(platform.gatewayUrl, forged)).toMatch(/not signed by the identity provider/);
    }
  });

  it('refuses a token signed with the old development secret (HS256), which the repository used to print', async () => {
    const old = await new SignJWT({ department: 'police', roles: ['data-officer'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('forger')
      .setIssuer('civic-graph')
      .setAudience('civic-graph')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('civic-graph-development-secret-change-me-in-production'));
    for (const [, url] of targets()) await expectUnauthenticated(url, old);
    expect(await unauthenticatedMessage(platform.gatewayUrl, old)).toMatch(/algorithm this service does not accept/);
  });

  it('refuses a token without exp, and one whose lifetime exceeds the cap (TOKEN_MAX_LIFETIME, 12h by default)', async () => {
    const idp = await testIdentityProvider();
    const forever = await new SignJWT({ department: 'police', roles: ['officer'] })
      .setProtectedHeader({ alg: idp.alg, kid: idp.kid })
      .setSubject('police-tester')
      .setIssuer('civic-graph')
      .setAudience('civic-graph')
      .setIssuedAt()
      .sign(idp.key);
    expect(await unauthenticatedMessage(platform.gatewayUrl, forever)).toMatch(/no "exp" claim/);
    const century = await tokenFor('police', { expiresIn: '100y' });
    expect(await unauthenticatedMessage(platform.gatewayUrl, century)).toMatch(/lives longer than the 12h allowed \(TOKEN_MAX_LIFETIME\)/);
    const justOver = await tokenFor('police', { expiresIn: '721m' });
    expect(await unauthenticatedMessage(platform.gatewayUrl, justOver)).toMatch(/TOKEN_MAX_LIFETIME/);
    expect((await graphql(platform.gatewayUrl, QUERY, {}, { token: await tokenFor('police', { expiresIn: '12h' }) })).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const expired = await tokenFor('police', { expiresIn: '-1m' });
    for (const [, url] of targets()) await expectUnauthenticated(url, expired);
  });

  it('refuses a malformed Authorization header and says why', async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/Bearer/);
  });

  it('has every subgraph refuse a user\'s own token: only the gateway\'s identity is accepted', async () => {
    const token = await tokenFor('police');
    for (const url of Object.values(platform.subgraphUrls)) {
      expect(await unauthenticatedMessage(url, token)).toMatch(/gateway-issued/);
    }
  });

  it('accepts a valid token', async () => {
    const response = await graphql(platform.gatewayUrl, QUERY, {}, { token: await tokenFor('police') });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  });

  describe("with AUTH_JWKS_URL: the identity provider's keys fetched over HTTP", () => {
    let jwksServer: Server;
    let gateway: ChildProcess;
    let gatewayUrl: string;
    let provider: Awaited<ReturnType<typeof strangerKey>>;
    let jwksFetches = 0;

    beforeAll(async () => {
      provider = await strangerKey('city-idp-2026');
      jwksServer = createServer((req, res) => {
        jwksFetches++;
        res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [provider.publicJwk] }));
      });
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      const jwksPort = (jwksServer.address() as { port: number }).port;
      const port = await freePort();
      const subgraphUrls = Object.fromEntries(Object.entries(platform.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
      gateway = spawn(join(process.cwd(), 'node_modules/.bin/node'), [bundledEntry('gateway')], {
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          // The test platforms' key set: its gateway key is the one the running subgraphs accept.
          KEYS_DIR: TEST_KEYS_DIR,
          AUTH_JWKS_URL: `http://127.0.0.1:${jwksPort}/.well-known/jwks.json`,
          AUTH_ISSUER: 'https://idp.city.example',
          ...subgraphUrls,
        },
        stdio: 'ignore',
      });
      gatewayUrl = `http://127.0.0.1:${port}/graphql`;
      for (let ready = false; !ready; await new Promise((resolve) => setTimeout(resolve, 200))) {
        ready = await fetch(new URL('/livez', gatewayUrl)).then((r) => r.ok, () => false);
      }
    });

    afterAll(async () => {
      gateway.kill('SIGTERM');
      await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
    });

    it("accepts the provider's tokens and refuses the development identity provider's", async () => {
      const token = await signToken(provider.signer, { subject: 'officer-17', department: 'police', roles: ['officer'], expiresIn: '1h' }, 'https://idp.city.example');
      const response = await graphql(gatewayUrl, QUERY, {}, { token });
      expect({ status: response.status, errors: response.errors }).toEqual({ status: 200, errors: undefined });
      expect(jwksFetches).toBeGreaterThan(0);
      expect(await unauthenticatedMessage(gatewayUrl, await tokenFor('police'))).toMatch(/not (signed|issued)/);
    });
  });
});
