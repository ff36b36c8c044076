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
const AUDIENCE = 'civic-graph';

export interface TokenRequest {
  subject: string;
  department: Department;
  roles: Role[];
  jurisdiction?: string;
  expiresIn?: string;
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

export async function signToken(secret: string, request: TokenRequest): Promise<string> {
  const claims: Record<string, unknown> = { department: request.department, roles: request.roles };
  if (request.jurisdiction) claims.jurisdiction = request.jurisdiction;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(keyOf(secret));
}

function describeFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token claim "${error.claim}" is invalid`;
  return 'the token is malformed';
}

/** Verifies a bearer token and returns the identity it carries; throws UNAUTHENTICATED (HTTP 401) otherwise. */
export async function verifyAuthorization(
  secret: string,
  authorization: string | undefined,
  purpose: string | undefined,
): Promise<Identity> {
  if (!authorization) throw unauthenticated('send "Authorization: Bearer <token>" (npm run token prints one)');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1]!, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    }));
  } catch (error) {
    throw unauthenticated(describeFailure(error));
  }
  const { sub, department, roles, jurisdiction } = payload;
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
