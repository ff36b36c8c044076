import { join } from 'node:path';
import { createRemoteJWKSet } from 'jose';
import { ConfigError } from '../config.js';
import { gatewayTokenVerifier, userTokenVerifier, type TokenVerifier } from '../identity.js';
import type { UserTokenSettings } from './config.js';
import { ensureDevelopmentKeys, KEY_FILES } from './developmentKeys.js';
import { readPublicKeys, readSigningKey, type PublicKeys, type SigningKey } from './keyFiles.js';
import type { ServiceCredential } from './serviceCredential.js';

/**
 * Loads the keys a service configured, reading each file once at start-up; a key variable left unset
 * takes the development key set's file instead (created on first use), which the configuration allows
 * only outside NODE_ENV=production.
 */
async function keyFile(path: string | undefined, variable: string, developmentKeysDir: string | undefined, developmentFile: string): Promise<string> {
  if (path !== undefined) return path;
  if (developmentKeysDir === undefined) {
    throw ConfigError.of([{ variable, holds: 'is not set', expected: 'set: NODE_ENV=production generates no development keys' }]);
  }
  await ensureDevelopmentKeys(developmentKeysDir);
  return join(developmentKeysDir, developmentFile);
}

/** How long the gateway waits for the identity provider's JWKS, and at least how long between two fetches when a token names an unknown key. */
const JWKS_TIMEOUT_MS = 5000;
const JWKS_COOLDOWN_MS = 30_000;

export async function loadUserTokenVerifier(settings: UserTokenSettings, developmentKeysDir: string | undefined): Promise<TokenVerifier> {
  const keys = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: JWKS_TIMEOUT_MS, cooldownDuration: JWKS_COOLDOWN_MS })
    : readPublicKeys(await keyFile(settings.jwksPath, 'AUTH_JWKS_URL', developmentKeysDir, KEY_FILES.identityProviderJwks), 'AUTH_JWKS_PATH');
  return userTokenVerifier(keys, settings);
}

export async function loadGatewaySigningKey(path: string | undefined, developmentKeysDir: string | undefined): Promise<SigningKey> {
  return readSigningKey(await keyFile(path, 'GATEWAY_PRIVATE_KEY_PATH', developmentKeysDir, KEY_FILES.gatewayPrivateKey), 'GATEWAY_PRIVATE_KEY_PATH');
}

export async function loadGatewayTokenVerifier(path: string | undefined, developmentKeysDir: string | undefined): Promise<TokenVerifier> {
  return gatewayTokenVerifier(readPublicKeys(await keyFile(path, 'GATEWAY_JWKS_PATH', developmentKeysDir, KEY_FILES.gatewayJwks), 'GATEWAY_JWKS_PATH'));
}

/** A service's own credential; its key's kid must be the service's name, which is who the called service will take it for. */
export async function loadServiceCredential(service: string, path: string | undefined, developmentKeysDir: string | undefined): Promise<ServiceCredential> {
  const variable = 'SERVICE_PRIVATE_KEY_PATH';
  const key = await readSigningKey(await keyFile(path, variable, developmentKeysDir, KEY_FILES.servicePrivateKey(service)), variable);
  if (key.kid !== service) {
    throw ConfigError.of([{ variable, holds: `names a key whose kid is "${key.kid}"`, expected: `a private JWK whose kid is "${service}", the name of this service` }]);
  }
  return { service, key };
}

/** The public keys of the services allowed to call this one. */
export async function loadServiceCallers(path: string | undefined, developmentKeysDir: string | undefined): Promise<PublicKeys> {
  return readPublicKeys(await keyFile(path, 'SERVICE_JWKS_PATH', developmentKeysDir, KEY_FILES.servicesJwks), 'SERVICE_JWKS_PATH');
}

/** The development identity provider's private key (created if absent), which `npm run token` and the test kit sign users' tokens with. */
export async function loadDevelopmentIdentityProvider(keysDir: string): Promise<SigningKey> {
  await ensureDevelopmentKeys(keysDir);
  return readSigningKey(join(keysDir, KEY_FILES.identityProviderPrivateKey), 'KEYS_DIR');
}
