import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ConsoleConfig } from './consoleConfig';

/** Where the identity provider sends the browser back with the authorization code. */
export const CALLBACK_PATH = '/console/callback';

/**
 * OpenID Connect authorization code flow with PKCE (oidc-client-ts's default for `response_type: code`),
 * configured by the gateway. The access token is what the gateway verifies (AUTH_JWKS_URL, AUTH_ISSUER,
 * AUTH_AUDIENCE); the console keeps its state in this tab only.
 */
export function userManager(oidc: NonNullable<ConsoleConfig['oidc']>): UserManager {
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${location.origin}/console/`,
    response_type: 'code',
    scope: oidc.scope,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}
