import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import {
  CALLING_SERVICES,
  ConfigError,
  ensureDevelopmentKeys,
  gatewayTokenIssuer,
  KEY_FILES,
  loadDevelopmentIdentityProvider,
  loadGatewaySigningKey,
  loadGatewayTokenVerifier,
  loadServiceCallers,
  loadServiceCredential,
  loadUserTokenVerifier,
  signGatewayToken,
  signServiceToken,
  signToken,
  verifyAuthorization,
  verifyServiceToken,
  writeKeySet,
  type SigningKey,
  type TokenVerifier,
} from '@civic/runtime';

/** Keys on disk and the verification rules: pure logic over files in a directory of the test's own. */
let root: string;
let keysDir: string;
let identityProvider: SigningKey;
let users: TokenVerifier;

const USER_SETTINGS = { issuer: 'civic-graph', audience: 'civic-graph', maxLifetimeSeconds: 12 * 3600 };
const bearer = (token: string) => `Bearer ${token}`;
const claims = { department: 'police', roles: ['officer'] };

/** The UNAUTHENTICATED message verifyAuthorization refuses with, or 'accepted'. */
async function refusal(verifier: TokenVerifier, token: string): Promise<string> {
  try {
    await verifyAuthorization(verifier, bearer(token), undefined);
    return 'accepted';
  } catch (error) {
    expect((error as { extensions: { code: string } }).extensions.code).toBe('UNAUTHENTICATED');
    return (error as Error).message.replace(/^Authentication required: /, '');
  }
}

function unsigned(key: SigningKey) {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid }).setSubject('someone').setIssuer('civic-graph').setAudience('civic-graph');
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'civic-keys-'));
  keysDir = join(root, 'keys');
  identityProvider = await loadDevelopmentIdentityProvider(keysDir);
  users = await loadUserTokenVerifier(USER_SETTINGS, keysDir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('development keys', () => {
  it('are made once, whole, however many services start at the same moment', async () => {
    const dir = join(root, 'race');
    await Promise.all(Array.from({ length: 6 }, () => ensureDevelopmentKeys(dir)));
    const first = readFileSync(join(dir, KEY_FILES.identityProviderPrivateKey), 'utf8');
    await ensureDevelopmentKeys(dir);
    expect(readFileSync(join(dir, KEY_FILES.identityProviderPrivateKey), 'utf8')).toBe(first);
    // Nothing left behind by the losers of the race.
    expect(readdirSync(root).filter((name) => name.startsWith('.race-'))).toEqual([]);
    expect(readdirSync(join(dir, 'services')).sort()).toEqual(CALLING_SERVICES.map((s) => `${s}.private.jwk.json`).sort());
  });

  it('gain a service that became a caller since they were made, keeping every key they had', async () => {
    const dir = join(root, 'older');
    await ensureDevelopmentKeys(dir);
    const before = readFileSync(join(dir, KEY_FILES.servicePrivateKey('gateway')), 'utf8');
    // A set made before the access service shipped live events: without its key, and without it in the published set.
    rmSync(join(dir, KEY_FILES.servicePrivateKey('access')));
    const jwksPath = join(dir, KEY_FILES.servicesJwks);
    const older = JSON.parse(readFileSync(jwksPath, 'utf8')) as { keys: { kid: string }[] };
    writeFileSync(jwksPath, JSON.stringify({ keys: older.keys.filter((key) => key.kid !== 'access') }));
    await Promise.all(Array.from({ length: 6 }, () => ensureDevelopmentKeys(dir)));
    expect(readFileSync(join(dir, KEY_FILES.servicePrivateKey('gateway')), 'utf8')).toBe(before);
    const published = JSON.parse(readFileSync(jwksPath, 'utf8')) as { keys: Record<string, unknown>[] };
    expect(published.keys.map((key) => key.kid).sort()).toEqual([...CALLING_SERVICES].sort());
    const access = JSON.parse(readFileSync(join(dir, KEY_FILES.servicePrivateKey('access')), 'utf8')) as Record<string, unknown>;
    expect(published.keys.find((key) => key.kid === 'access')).toEqual({ ...access, d: undefined });
    expect(readdirSync(join(dir, 'services')).sort()).toEqual(CALLING_SERVICES.map((s) => `${s}.private.jwk.json`).sort());
  });

  it('keep private keys readable by their owner only, and publish no private member', () => {
    expect(statSync(join(keysDir, KEY_FILES.gatewayPrivateKey)).mode & 0o077).toBe(0);
    for (const file of [KEY_FILES.identityProviderJwks, KEY_FILES.gatewayJwks, KEY_FILES.servicesJwks]) {
      const { keys } = JSON.parse(readFileSync(join(keysDir, file), 'utf8')) as { keys: Record<string, unknown>[] };
      for (const key of keys) expect({ file, d: key.d, kty: key.kty }).toEqual({ file, d: undefined, kty: 'EC' });
    }
  });
});

describe("users' tokens at the gateway", () => {
  it('accepts a token of the identity provider', async () => {
    expect(await refusal(users, await signToken(identityProvider, { subject: 'p', department: 'police', roles: ['officer'] }))).toBe('accepted');
  });

  it('refuses a token signed with the old shared development secret (HS256)', async () => {
    const old = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('forger')
      .setIssuer('civic-graph')
      .setAudience('civic-graph')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('civic-graph-development-secret-change-me-in-production'));
    expect(await refusal(users, old)).toMatch(/algorithm this service does not accept \(only ES256, .*EdDSA/);
  });

  it('refuses a token without exp, or without iat while the lifetime is capped', async () => {
    expect(await refusal(users, await unsigned(identityProvider).setIssuedAt().sign(identityProvider.key))).toBe('the token has no "exp" claim (tokens must expire)');
    expect(await refusal(users, await unsigned(identityProvider).setExpirationTime('1h').sign(identityProvider.key))).toBe('the token has no "iat" claim');
  });

  it('refuses a token living longer than the cap, or expiring further ahead than it', async () => {
    const longLived = await signToken(identityProvider, { subject: 'p', department: 'police', roles: ['officer'], expiresIn: '13h' });
    expect(await refusal(users, longLived)).toBe('the token lives longer than the 12h allowed (TOKEN_MAX_LIFETIME)');
    const now = Math.floor(Date.now() / 1000);
    const issuedAhead = await unsigned(identityProvider).setIssuedAt(now + 3600).setExpirationTime(now + 13 * 3600).sign(identityProvider.key);
    expect(await refusal(users, issuedAhead)).toBe('the token expires further ahead than the 12h allowed (TOKEN_MAX_LIFETIME)');
    expect(await refusal(await loadUserTokenVerifier({ ...USER_SETTINGS, maxLifetimeSeconds: 14 * 3600 }, keysDir), longLived)).toBe('accepted');
  });

  it('refuses a token signed by a key the identity provider does not publish, even under its key id', async () => {
    const otherDir = join(root, 'other');
    const stranger = await loadDevelopmentIdentityProvider(otherDir);
    expect(await refusal(users, await signToken(stranger, { subject: 'p', department: 'police', roles: ['officer'] }))).toBe('the token was not signed by the identity provider');
    const unknownKid = await signToken({ ...stranger, kid: 'someone-else' }, { subject: 'p', department: 'police', roles: ['officer'] });
    expect(await refusal(users, unknownKid)).toBe('the token was not signed by the identity provider');
  });

  it('refuses the gateway\'s own tokens, which are for subgraphs', async () => {
    const gatewayToken = await signGatewayToken(await loadGatewaySigningKey(undefined, keysDir), { subject: 'p', department: 'police', roles: ['officer'] });
    expect(await refusal(users, gatewayToken)).toBe('the token was not signed by the identity provider');
  });
});

describe("the gateway's tokens at a subgraph", () => {
  it("accepts the gateway's and refuses a user's token, naming gateway-issued identities", async () => {
    const subgraph = await loadGatewayTokenVerifier(undefined, keysDir);
    const identity = { subject: 'p', department: 'police' as const, roles: ['officer' as const], purpose: 'flood' };
    const gatewayToken = await signGatewayToken(await loadGatewaySigningKey(undefined, keysDir), identity);
    await expect(verifyAuthorization(subgraph, bearer(gatewayToken), 'ignored header')).resolves.toEqual(identity);
    expect(await refusal(subgraph, await signToken(identityProvider, identity))).toMatch(/gateway-issued/);
  });
});

describe('verified tokens remembered', () => {
  const police = { subject: 'p', department: 'police' as const, roles: ['officer' as const] };

  it('accept a token verified before without its key, and no other token signed with that key', async () => {
    const verifier = await loadUserTokenVerifier(USER_SETTINGS, keysDir);
    const first = await signToken(identityProvider, police);
    expect(await refusal(verifier, first)).toBe('accepted');
    // The identity provider no longer publishes its key: only the token verified with it stays accepted (for at most a minute).
    const withdrawn = { ...verifier, keys: (await loadUserTokenVerifier(USER_SETTINGS, join(root, 'withdrawn'))).keys };
    expect(await refusal(withdrawn, first)).toBe('accepted');
    expect(await refusal(withdrawn, await signToken(identityProvider, { ...police, subject: 'q' }))).toBe('the token was not signed by the identity provider');
  });

  it('never past the token\'s exp, and never a token that failed', async () => {
    const verifier = await loadUserTokenVerifier(USER_SETTINGS, keysDir);
    const shortLived = await signToken(identityProvider, { ...police, expiresIn: '2s' });
    expect(await refusal(verifier, shortLived)).toBe('accepted');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await refusal(verifier, shortLived)).toBe('the token has expired');
    const stranger = await signToken(await loadDevelopmentIdentityProvider(join(root, 'stranger')), police);
    expect(await refusal(verifier, stranger)).toBe('the token was not signed by the identity provider');
    expect(await refusal(verifier, stranger)).toBe('the token was not signed by the identity provider');
  });
});

describe("the gateway's tokens reused", () => {
  it('are one per identity and purpose, each outliving the request that carries it', async () => {
    const signer = await loadGatewaySigningKey(undefined, keysDir);
    const issue = gatewayTokenIssuer(signer, 35_000);
    const identity = { subject: 'p', department: 'police' as const, roles: ['officer' as const], purpose: 'flood' };
    const token = await issue(identity);
    expect(await issue({ ...identity })).toBe(token);
    expect(await issue({ ...identity, purpose: 'fire' })).not.toBe(token);
    expect(await issue({ ...identity, roles: ['officer', 'duty'] })).not.toBe(token);
    const subgraph = await loadGatewayTokenVerifier(undefined, keysDir);
    await expect(verifyAuthorization(subgraph, bearer(token), undefined)).resolves.toEqual(identity);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(exp * 1000 - Date.now()).toBeGreaterThan(35_000);
  });

  it('are signed afresh for every request when no reuse would outlive a request', async () => {
    const issue = gatewayTokenIssuer(await loadGatewaySigningKey(undefined, keysDir), 60_000);
    const identity = { subject: 'p', department: 'police' as const, roles: ['officer' as const] };
    const first = await issue(identity);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await issue(identity)).not.toBe(first);
  });
});

describe('service credentials', () => {
  it('name the calling service from its own key, and refuse a token signed with another service\'s key under its name', async () => {
    const callers = await loadServiceCallers(undefined, keysDir);
    const population = await loadServiceCredential('population', undefined, keysDir);
    const buildings = await loadServiceCredential('buildings', undefined, keysDir);
    expect(await verifyServiceToken(callers, bearer(await signServiceToken(population)))).toBe('population');
    const impersonation = await signServiceToken({ service: 'population', key: { ...buildings.key, kid: 'population' } });
    expect(await verifyServiceToken(callers, bearer(impersonation))).toBeNull();
    const claimsAnother = await signServiceToken({ service: 'buildings', key: population.key });
    expect(await verifyServiceToken(callers, bearer(claimsAnother))).toBeNull();
  });

  it("refuse users' and the gateway's identities", async () => {
    const callers = await loadServiceCallers(undefined, keysDir);
    const identity = { subject: 'p', department: 'police' as const, roles: ['officer' as const] };
    expect(await verifyServiceToken(callers, bearer(await signToken(identityProvider, identity)))).toBeNull();
    expect(await verifyServiceToken(callers, bearer(await signGatewayToken(await loadGatewaySigningKey(undefined, keysDir), identity)))).toBeNull();
    expect(await verifyServiceToken(callers, undefined)).toBeNull();
  });

  it("refuse to load a service's key whose kid is another service's name", async () => {
    await expect(loadServiceCredential('incidents', join(keysDir, KEY_FILES.servicePrivateKey('population')), undefined)).rejects.toThrow(
      /SERVICE_PRIVATE_KEY_PATH names a key whose kid is "population"; it should be a private JWK whose kid is "incidents"/,
    );
  });
});

describe('key files', () => {
  it('refuse a missing file, a public key where a private one belongs, and a secret in a JWKS, naming the variable', async () => {
    const missing = loadGatewaySigningKey(join(root, 'nowhere.json'), undefined);
    await expect(missing).rejects.toBeInstanceOf(ConfigError);
    await expect(missing).rejects.toThrow(/^GATEWAY_PRIVATE_KEY_PATH names .*nowhere\.json, which does not hold one; it should be a readable file holding a private JWK/);
    await expect(loadGatewaySigningKey(join(keysDir, KEY_FILES.gatewayJwks), undefined)).rejects.toThrow(/^GATEWAY_PRIVATE_KEY_PATH names/);
    const secretJwks = join(root, 'secret.jwks.json');
    writeFileSync(secretJwks, JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0', alg: 'HS256', kid: 'shared' }] }));
    await expect(loadGatewayTokenVerifier(secretJwks, undefined)).rejects.toThrow(/^GATEWAY_JWKS_PATH names .*a JWKS .* of public keys$/);
  });

  it('write a complete set where asked (npm run keys)', async () => {
    const dir = join(root, 'written');
    await writeKeySet(dir);
    expect(readdirSync(dir).sort()).toEqual(['gateway.jwks.json', 'gateway.private.jwk.json', 'identity-provider.jwks.json', 'identity-provider.private.jwk.json', 'services', 'services.jwks.json']);
  });
});
