import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthenticated } from './errors.js';

export const DEPARTMENTS = [
  'police',
  'fire',
  'emergency',
  'civil',
  'housing',
  'petition',
  'health',
  'governance',
  'community',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const ROLES = ['officer', 'grid-worker', 'duty', 'data-officer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the verified claims of the caller's token, plus the purpose they stated. */
export interface Identity {
  subject: string;
  department: Department;
  roles: Role[];
  /** A grid-tree code prefix; absent means the whole city. */
  jurisdiction?: string;
  purpose?: string;
}

const ISSUER = 'civic-graph';
/** Users' tokens are for the gateway; the gateway's own short-lived tokens are for the subgraphs. */
export const USER_AUDIENCE = 'civic-graph';
export const SUBGRAPH_AUDIENCE = 'civic-subgraph';
const GATEWAY_ISSUER = 'civic-gateway';

export interface TokenRequest {
  subject: string;
  department: Department;
  roles: Role[];
  jurisdiction?: string;
  expiresIn?: string;
  purpose?: string;
}

export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (DEPARTMENTS as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

const JURISDICTION_PATTERN = /^[0-9]{6,18}$/;

export function isJurisdiction(value: unknown): value is string {
  return typeof value === 'string' && JURISDICTION_PATTERN.test(value);
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

function claimsOf(request: TokenRequest): Record<string, unknown> {
  return {
    department: request.department,
    roles: request.roles,
    ...(request.jurisdiction ? { jurisdiction: request.jurisdiction } : {}),
    ...(request.purpose ? { purpose: request.purpose } : {}),
  };
}

export async function signToken(secret: string, request: TokenRequest): Promise<string> {
  return new SignJWT(claimsOf(request))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(ISSUER)
    .setAudience(USER_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(keyOf(secret));
}

/**
 * The identity the gateway vouches for, re-signed for the subgraphs with a one-minute lifetime (longer
 * only for tests and benchmarks that call subgraphs for longer). A subgraph accepts only these, so a
 * caller who skips the gateway is refused like an anonymous one.
 */
export async function signGatewayToken(secret: string, identity: Identity, expiresIn = '60s'): Promise<string> {
  return new SignJWT(claimsOf({ ...identity }))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.subject)
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(SUBGRAPH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keyOf(secret));
}

const SERVICE_AUDIENCE = 'civic-internal';

/** Service-to-service calls (policy snapshots, audit shipping) carry a short-lived token of their own. */
export async function signServiceToken(secret: string, service: string): Promise<string> {
  return new SignJWT({ service })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(`service:${service}`)
    .setIssuer(ISSUER)
    .setAudience(SERVICE_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(keyOf(secret));
}

/** The calling service's name, or null when the header carries no valid service token. */
export async function verifyServiceToken(secret: string, authorization: string | undefined): Promise<string | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: SERVICE_AUDIENCE, algorithms: ['HS256'] });
    return typeof payload.service === 'string' ? payload.service : null;
  } catch {
    return null;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return error.claim === 'aud' || error.claim === 'iss' ? 'the token was not issued for this service (subgraphs accept only gateway-issued identities)' : `the token claim "${error.claim}" is invalid`;
  }
  return 'the token is malformed';
}

export interface Audience {
  audience: string;
  issuer: string;
}

export const AT_GATEWAY: Audience = { audience: USER_AUDIENCE, issuer: ISSUER };
export const AT_SUBGRAPH: Audience = { audience: SUBGRAPH_AUDIENCE, issuer: GATEWAY_ISSUER };

/**
 * Verifies a bearer token for the gateway (a user's token; the purpose comes from the x-access-purpose
 * header) or for a subgraph (the gateway's token; the purpose travels inside it). Throws
 * UNAUTHENTICATED (HTTP 401) otherwise.
 */
export async function verifyAuthorization(
  secret: string,
  authorization: string | undefined,
  purposeHeader: string | undefined,
  expected: Audience = AT_GATEWAY,
): Promise<Identity> {
  if (!authorization) throw unauthenticated('send "Authorization: Bearer <token>" (npm run token prints one)');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1]!, keyOf(secret), {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ['HS256'],
    }));
  } catch (error) {
    throw unauthenticated(describeFailure(error));
  }
  const { sub, department, roles, jurisdiction } = payload;
  const purpose = expected === AT_GATEWAY ? purposeHeader : typeof payload.purpose === 'string' ? payload.purpose : undefined;
  if (!sub) throw unauthenticated('the token has no subject');
  if (!isDepartment(department)) throw unauthenticated('the token names no known department');
  if (!Array.isArray(roles) || !roles.every(isRole)) throw unauthenticated('the token roles are not known roles');
  if (jurisdiction !== undefined && !isJurisdiction(jurisdiction)) {
    throw unauthenticated('the token jurisdiction is not a grid-tree code');
  }
  return {
    subject: sub,
    department,
    roles,
    ...(jurisdiction ? { jurisdiction } : {}),
    ...(purpose ? { purpose: purpose.slice(0, 500) } : {}),
  };
}
