import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * Development keys: with nothing configured (and NODE_ENV not production) the platform makes its own on
 * first start, under KEYS_DIR (default .data/keys), so that no key is ever printed in the repository.
 * The set plays every part a production deployment configures separately: the identity provider that
 * signs users' tokens (`npm run token` and the test kit sign with it), the gateway's key for its
 * tokens to the subgraphs, and one service credential per calling service.
 */
export const DEVELOPMENT_ALGORITHM = 'ES256';

/** The key id of the development identity provider's key, as an identity provider's JWKS names its keys. */
export const DEVELOPMENT_IDENTITY_PROVIDER_KID = 'civic-development-identity-provider';
/** The gateway's key for the identities it forwards; distinct from its service credential (kid "gateway"). */
export const GATEWAY_KID = 'civic-gateway';

/** The services that call another service (policy snapshots, audit shipping, live events): each signs with a key whose kid is its name. */
export const CALLING_SERVICES = ['gateway', 'population', 'buildings', 'incidents', 'resources', 'access'] as const;

/** Where each key of a set lives inside its directory (the same layout `npm run keys` writes for docker compose). */
export const KEY_FILES = {
  identityProviderPrivateKey: 'identity-provider.private.jwk.json',
  identityProviderJwks: 'identity-provider.jwks.json',
  gatewayPrivateKey: 'gateway.private.jwk.json',
  gatewayJwks: 'gateway.jwks.json',
  servicePrivateKey: (service: string) => `services/${service}.private.jwk.json`,
  servicesJwks: 'services.jwks.json',
} as const;

async function keyPair(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(DEVELOPMENT_ALGORITHM, { extractable: true });
  const common = { kid, alg: DEVELOPMENT_ALGORITHM, use: 'sig' };
  return { privateJwk: { ...(await exportJWK(privateKey)), ...common }, publicJwk: { ...(await exportJWK(publicKey)), ...common } };
}

function writeJson(path: string, value: unknown, mode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode });
}

/** Writes a complete key set into `dir` (which must not be in use yet). */
export async function writeKeySet(dir: string): Promise<void> {
  const privateOnly = 0o600;
  const publicToo = 0o644;
  const identityProvider = await keyPair(DEVELOPMENT_IDENTITY_PROVIDER_KID);
  writeJson(join(dir, KEY_FILES.identityProviderPrivateKey), identityProvider.privateJwk, privateOnly);
  writeJson(join(dir, KEY_FILES.identityProviderJwks), { keys: [identityProvider.publicJwk] }, publicToo);
  const gateway = await keyPair(GATEWAY_KID);
  writeJson(join(dir, KEY_FILES.gatewayPrivateKey), gateway.privateJwk, privateOnly);
  writeJson(join(dir, KEY_FILES.gatewayJwks), { keys: [gateway.publicJwk] }, publicToo);
  const servicePublicKeys: JWK[] = [];
  for (const service of CALLING_SERVICES) {
    const credential = await keyPair(service);
    writeJson(join(dir, KEY_FILES.servicePrivateKey(service)), credential.privateJwk, privateOnly);
    servicePublicKeys.push(credential.publicJwk);
  }
  writeJson(join(dir, KEY_FILES.servicesJwks), { keys: servicePublicKeys }, publicToo);
}

/**
 * Makes sure `dir` holds a development key set, creating it if absent. The launcher starts every service
 * at once, so several processes may get here together: each writes a complete set into a directory of
 * its own beside `dir` and renames it into place; rename refuses to replace a non-empty directory, so the
 * first one wins whole, the others discard theirs, and everyone then reads the winner's keys.
 */
export async function ensureDevelopmentKeys(dir: string): Promise<void> {
  if (existsSync(join(dir, KEY_FILES.servicesJwks))) return addMissingServiceKeys(dir);
  mkdirSync(dirname(dir), { recursive: true });
  const candidate = mkdtempSync(join(dirname(dir), `.${basename(dir)}-`));
  try {
    await writeKeySet(candidate);
    renameSync(candidate, dir);
  } catch (error) {
    const lost = (error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST';
    if (!lost) throw error;
  } finally {
    rmSync(candidate, { recursive: true, force: true });
  }
}

/**
 * A set made before a service became a caller (the access service, since it ships live events) gets
 * that service's credential added; the other keys stay, so tokens already signed stay valid. Each
 * missing key is linked into place (link refuses an existing name: the first process wins, whole),
 * then every process rewrites services.jwks from the private keys present: all write the same set.
 */
async function addMissingServiceKeys(dir: string): Promise<void> {
  const jwks = join(dir, KEY_FILES.servicesJwks);
  const published = new Set((JSON.parse(readFileSync(jwks, 'utf8')) as { keys: JWK[] }).keys.map((key) => key.kid));
  // Judged by the published set, not the files: a process that finds a key file a racing one just linked still rewrites the set.
  const missing = CALLING_SERVICES.filter((service) => !published.has(service));
  if (missing.length === 0) return;
  for (const service of missing) {
    const path = join(dir, KEY_FILES.servicePrivateKey(service));
    const candidate = `${path}.${process.pid}.tmp`;
    writeJson(candidate, (await keyPair(service)).privateJwk, 0o600);
    try {
      linkSync(candidate, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(candidate, { force: true });
    }
  }
  const publicKeys = CALLING_SERVICES.map((service) => {
    const { d: _private, ...publicJwk } = JSON.parse(readFileSync(join(dir, KEY_FILES.servicePrivateKey(service)), 'utf8')) as JWK;
    return publicJwk;
  });
  writeJson(`${jwks}.${process.pid}.tmp`, { keys: publicKeys }, 0o644);
  renameSync(`${jwks}.${process.pid}.tmp`, jwks);
}
