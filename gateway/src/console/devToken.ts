import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEPARTMENTS, ROLES, isDepartment, isJurisdiction, isRole, loadDevelopmentIdentityProvider, readBody, sendJson, signToken, type ExtraRoute, type UserTokenSettings } from '@civic/runtime';

/** Development sign-in tokens last one working day, well under TOKEN_MAX_LIFETIME's default. */
const DEVELOPMENT_TOKEN_LIFETIME = '8h';

/**
 * Whether the console may offer development sign-in: only outside production (where no development
 * key set exists) and only while the gateway trusts the development identity provider itself, i.e.
 * no identity provider is configured. A token it mints is exactly what `npm run token` prints.
 */
export function developmentSignInAvailable(developmentKeysDir: string | undefined, userTokens: UserTokenSettings): developmentKeysDir is string {
  return developmentKeysDir !== undefined && !userTokens.jwksUrl && !userTokens.jwksPath;
}

export const DEVELOPMENT_CHOICES = { departments: [...DEPARTMENTS], roles: [...ROLES] };

function refuse(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}

/**
 * POST /console/dev-token `{ department, role, jurisdiction? }` → `{ token }`, signed by the development
 * identity provider, so that the browser never holds a signing key. JSON only: a cross-origin page cannot
 * send it without a preflight, which the gateway's CORS gate refuses to any origin not listed.
 */
export async function developmentTokenRoute(keysDir: string, userTokens: UserTokenSettings): Promise<ExtraRoute> {
  const signer = await loadDevelopmentIdentityProvider(keysDir);
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return refuse(res, 405, 'POST a JSON body { department, role, jurisdiction? }');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'the body must be application/json');
    let body: { department?: unknown; role?: unknown; jurisdiction?: unknown };
    try {
      body = JSON.parse(await readBody(req, 4096)) as typeof body;
    } catch {
      return refuse(res, 400, 'the body is not a JSON object { department, role, jurisdiction? }');
    }
    const { department, role, jurisdiction } = body ?? {};
    if (!isDepartment(department)) return refuse(res, 400, `department must be one of ${DEPARTMENTS.join(', ')}`);
    if (!isRole(role)) return refuse(res, 400, `role must be one of ${ROLES.join(', ')}`);
    if (jurisdiction !== undefined && !isJurisdiction(jurisdiction)) return refuse(res, 400, 'jurisdiction must be a grid-tree code of 6 to 18 digits');
    const subject = `${department}-${role}${jurisdiction ? `-${jurisdiction}` : ''}`;
    const token = await signToken(signer, { subject, department, roles: [role], ...(jurisdiction ? { jurisdiction } : {}), expiresIn: DEVELOPMENT_TOKEN_LIFETIME }, userTokens.issuer, userTokens.audience);
    sendJson(res, 200, { token });
  };
}
