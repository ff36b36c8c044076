import { configOrExit, keysDirEnv, loadDevelopmentIdentityProvider, parseEnv, signToken, userTokensEnv, type TokenRequest } from '@civic/runtime';

/**
 * The development identity provider the tools sign users' tokens with: its private key in KEYS_DIR
 * (default .data/keys, created on first use, as the services do), and the issuer and audience the
 * gateway expects (AUTH_ISSUER, AUTH_AUDIENCE).
 */
const developmentIdentityProviderEnv = keysDirEnv.extend(userTokensEnv.pick({ AUTH_ISSUER: true, AUTH_AUDIENCE: true }).shape);

export async function developmentTokenSigner(tool: string): Promise<(request: TokenRequest) => Promise<string>> {
  const env = configOrExit(tool, () => parseEnv(developmentIdentityProviderEnv));
  // A key file that is not a key is a configuration error too: rethrown through configOrExit, it exits 78 with one line.
  const signer = await loadDevelopmentIdentityProvider(env.KEYS_DIR).catch((error: unknown) =>
    configOrExit(tool, () => {
      throw error;
    }),
  );
  return (request) => signToken(signer, request, env.AUTH_ISSUER, env.AUTH_AUDIENCE);
}
