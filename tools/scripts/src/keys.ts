/**
 * `npm run keys`: writes a key set into KEYS_DIR (default .data/keys) unless one is there: the identity
 * provider's, the gateway's and each calling service's key pair, as JWK files (see KEY_FILES). Services
 * started in development make the same set by themselves; this is for deployments that want it made
 * once, before anything starts (docker compose's `keys` service). It prints where the files are, never a key.
 */
import { join } from 'node:path';
import { CALLING_SERVICES, configOrExit, ensureDevelopmentKeys, KEY_FILES, keysDirEnv, parseEnv } from '@civic/runtime';
import { parseCommandLine } from './cli.js';

parseCommandLine({
  name: 'keys',
  usage: `Usage: npm run keys

Writes a key set into KEYS_DIR (default .data/keys) unless one is there already, and says on stderr
which variable each file is for; it never prints a key.
`,
  options: {},
});
const { KEYS_DIR: dir } = configOrExit('keys', () => parseEnv(keysDirEnv));
await ensureDevelopmentKeys(dir);
const files = [
  ['AUTH_JWKS_PATH (gateway)', KEY_FILES.identityProviderJwks],
  ['GATEWAY_PRIVATE_KEY_PATH (gateway)', KEY_FILES.gatewayPrivateKey],
  ['GATEWAY_JWKS_PATH (subgraphs)', KEY_FILES.gatewayJwks],
  ['SERVICE_JWKS_PATH (access)', KEY_FILES.servicesJwks],
  ...CALLING_SERVICES.map((service) => [`SERVICE_PRIVATE_KEY_PATH (${service})`, KEY_FILES.servicePrivateKey(service)]),
  ['the development identity provider (npm run token)', KEY_FILES.identityProviderPrivateKey],
];
for (const [use, file] of files) process.stderr.write(`${use}: ${join(dir, file!)}\n`);
