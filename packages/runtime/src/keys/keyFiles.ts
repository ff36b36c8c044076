import { readFileSync } from 'node:fs';
import { createLocalJWKSet, importJWK, type CryptoKey, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { ConfigError } from '../config.js';

/**
 * Keys live in files as JSON Web Keys: a private key as one JWK (its `kid` and `alg` inside), the public
 * keys that verify it as a JWKS, the format identity providers publish. Only asymmetric algorithms: a
 * verifier holds no secret that could sign, so no service's configuration can forge another's tokens.
 */
export const ASYMMETRIC_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'Ed25519'];

/** A private key ready to sign: its key id travels in each token's header. */
export interface SigningKey {
  kid: string;
  alg: string;
  key: CryptoKey;
}

/** Public keys to verify against, as jose looks them up by a token's header. */
export type PublicKeys = JWTVerifyGetKey;

function unreadable(variable: string, path: string, expected: string): ConfigError {
  return ConfigError.of([{ variable, holds: `names ${path}, which does not hold one`, expected }]);
}

function readJson(variable: string, path: string, expected: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw unreadable(variable, path, expected);
  }
}

const PRIVATE_JWK = 'a readable file holding a private JWK with "kid" and an asymmetric "alg"';

/** Reads a private JWK; a problem is a ConfigError naming the variable that pointed at the file. */
export async function readSigningKey(path: string, variable: string): Promise<SigningKey> {
  const jwk = readJson(variable, path, PRIVATE_JWK) as JWK;
  if (typeof jwk.kid !== 'string' || typeof jwk.alg !== 'string' || !ASYMMETRIC_ALGORITHMS.includes(jwk.alg) || jwk.d === undefined) {
    throw unreadable(variable, path, PRIVATE_JWK);
  }
  try {
    return { kid: jwk.kid, alg: jwk.alg, key: (await importJWK(jwk, jwk.alg)) as CryptoKey };
  } catch {
    throw unreadable(variable, path, PRIVATE_JWK);
  }
}

const PUBLIC_JWKS = 'a readable file holding a JWKS ({"keys": [...]}) of public keys';

/** Reads a JWKS of public keys; a private or symmetric member is refused, since it would be a secret in a verifier's hands. */
export function readPublicKeys(path: string, variable: string): PublicKeys {
  const jwks = readJson(variable, path, PUBLIC_JWKS) as JSONWebKeySet;
  const publicOnly = (jwk: JWK) => jwk.kty !== 'oct' && jwk.d === undefined;
  if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0 || !jwks.keys.every(publicOnly)) throw unreadable(variable, path, PUBLIC_JWKS);
  return createLocalJWKSet(jwks);
}
