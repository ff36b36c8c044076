import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { unauthenticated } from './errors.js';
import { ASYMMETRIC_ALGORITHMS, type PublicKeys, type SigningKey } from './keys/keyFiles.js';

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

/** Users' tokens are for the gateway (the issuer and audience it expects by default); the gateway's own short-lived tokens are for the subgraphs. */
export const USER_ISSUER = 'civic-graph';
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

function claimsOf(request: TokenRequest): Record<string, unknown> {
  return {
    department: request.department,
    roles: request.roles,
    ...(request.jurisdiction ? { jurisdiction: request.jurisdiction } : {}),
    ...(request.purpose ? { purpose: request.purpose } : {}),
  };
}

/**
 * A user's token as an identity provider issues it: `npm run token` and the test kit sign with the
 * development identity provider's key; production tokens come from the city's identity provider.
 */
export async function signToken(signer: SigningKey, request: TokenRequest, issuer = USER_ISSUER, audience = USER_AUDIENCE): Promise<string> {
  return new SignJWT(claimsOf(request))
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(signer.key);
}

/** How long a gateway-issued identity lives. */
const GATEWAY_TOKEN_LIFETIME_SECONDS = 60;

/**
 * The identity the gateway vouches for, signed with the gateway's own key for the subgraphs with a
 * one-minute lifetime (longer only for tests and benchmarks that call subgraphs for longer). A subgraph
 * accepts only these, so a caller who skips the gateway is refused like an anonymous one.
 */
export async function signGatewayToken(signer: SigningKey, identity: Identity, expiresIn = `${GATEWAY_TOKEN_LIFETIME_SECONDS}s`): Promise<string> {
  return new SignJWT(claimsOf({ ...identity }))
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'JWT' })
    .setSubject(identity.subject)
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(SUBGRAPH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(signer.key);
}

/**
 * At most this many callers' tokens are remembered, verified or signed, each for a time of its own: a
 * flood of new tokens costs memory up to the bound and no more, the least recently used going first.
 */
const REMEMBERED_TOKENS = 10_000;
const rememberedTokens = <V extends {}>() => new LRUCache<string, V>({ max: REMEMBERED_TOKENS });

/**
 * The gateway's tokens for the subgraphs, signed once per identity and handed out again while they
 * still outlive any request: `outliveMs` (the request deadline and a margin) of their lifetime must
 * remain, so no request carries a token that expires before the request ends. A signature costs the
 * gateway CPU on every request, and a token a subgraph has seen before costs it no signature check
 * (verifyAuthorization). Reuse changes nothing a token proves: it names the same identity and purpose,
 * and any of them could be replayed within its minute anyway.
 */
export function gatewayTokenIssuer(signer: SigningKey, outliveMs: number): (identity: Identity) => Promise<string> {
  // iat is in whole seconds, so a token can hold up to a second less than its nominal lifetime.
  const reuseMs = GATEWAY_TOKEN_LIFETIME_SECONDS * 1000 - outliveMs - 1000;
  const issued = rememberedTokens<Promise<string>>();
  return (identity) => {
    if (reuseMs <= 0) return signGatewayToken(signer, identity);
    const key = JSON.stringify([identity.subject, claimsOf({ ...identity })]);
    let token = issued.get(key);
    if (!token) {
      token = signGatewayToken(signer, identity);
      issued.set(key, token, { ttl: reuseMs });
      token.catch(() => issued.delete(key));
    }
    return token;
  };
}

/** What a service accepts as a caller's identity, and how it explains a refusal. */
export interface TokenVerifier {
  keys: PublicKeys;
  issuer: string;
  audience: string;
  /** The longest lifetime accepted, in seconds (exp - iat and exp - now); undefined: `exp` is required but not capped. */
  maxLifetimeSeconds?: number;
  /** At the gateway the purpose is the x-access-purpose header; subgraphs take it from the gateway's token. */
  purposeFrom: 'header' | 'token';
  /** Who must have signed, as a refusal names it. */
  signer: string;
  /** Tokens whose signature and claims were checked lately, by their exact text (see verifyAuthorization). */
  verified: LRUCache<string, JWTPayload>;
}

/** The gateway's verifier of users' tokens: the identity provider's keys, issuer and audience, lifetime capped. */
export function userTokenVerifier(keys: PublicKeys, settings: { issuer: string; audience: string; maxLifetimeSeconds: number }): TokenVerifier {
  return { keys, ...settings, purposeFrom: 'header', signer: 'the identity provider', verified: rememberedTokens() };
}

/** A subgraph's verifier: only identities the gateway signed. */
export function gatewayTokenVerifier(keys: PublicKeys): TokenVerifier {
  return {
    keys,
    issuer: GATEWAY_ISSUER,
    audience: SUBGRAPH_AUDIENCE,
    purposeFrom: 'token',
    signer: 'the gateway (subgraphs accept only gateway-issued identities)',
    verified: rememberedTokens(),
  };
}

class TokenLifetimeRefused extends Error {}

function describeFailure(error: unknown, verifier: TokenVerifier): string {
  if (error instanceof TokenLifetimeRefused) return error.message;
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return `the token is signed with an algorithm this service does not accept (only ${ASYMMETRIC_ALGORITHMS.join(', ')})`;
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWSSignatureVerificationFailed) return `the token was not signed by ${verifier.signer}`;
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return "the identity provider's public keys cannot be fetched";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `the token has no "${error.claim}" claim${error.claim === 'exp' ? ' (tokens must expire)' : ''}`;
    return error.claim === 'aud' || error.claim === 'iss' ? `the token was not issued for this service by ${verifier.signer}` : `the token claim "${error.claim}" is invalid`;
  }
  return 'the token is malformed';
}

function formatSeconds(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

/** A token that lives longer than the cap is refused whoever signed it: a stolen one must not stay useful for long. */
function checkLifetime(payload: JWTPayload, maxSeconds: number | undefined): void {
  if (maxSeconds === undefined) return;
  const exp = payload.exp!;
  const limit = `the ${formatSeconds(maxSeconds)} allowed (TOKEN_MAX_LIFETIME)`;
  if (exp - payload.iat! > maxSeconds) throw new TokenLifetimeRefused(`the token lives longer than ${limit}`);
  if (exp - Date.now() / 1000 > maxSeconds) throw new TokenLifetimeRefused(`the token expires further ahead than ${limit}`);
}

/**
 * How long a verified token is taken without checking its signature again: never past its `exp`, and
 * at most this long, so a key the identity provider withdraws stops being honoured within a minute of
 * the service learning of it (jose keeps a remote JWKS for ten minutes in any case). An ECDSA check
 * costs about 0.3 ms of CPU: at the gateway on every request, in a subgraph on every call it serves.
 * A token that fails is never remembered; the claims below are checked again on every use.
 */
const VERIFIED_TOKEN_TTL_MS = 60_000;

async function verifiedPayload(verifier: TokenVerifier, token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, verifier.keys, {
      issuer: verifier.issuer,
      audience: verifier.audience,
      algorithms: ASYMMETRIC_ALGORITHMS,
      requiredClaims: verifier.maxLifetimeSeconds === undefined ? ['exp'] : ['exp', 'iat'],
    });
    checkLifetime(payload, verifier.maxLifetimeSeconds);
    // The lifetime cap holds for as long as it is remembered: exp - iat is fixed, and exp - now only shrinks.
    verifier.verified.set(token, payload, { ttl: Math.max(1, Math.min(Math.floor(payload.exp! * 1000 - Date.now()), VERIFIED_TOKEN_TTL_MS)) });
    return payload;
  } catch (error) {
    throw unauthenticated(describeFailure(error, verifier));
  }
}

/**
 * Verifies a bearer token for the gateway (a user's token; the purpose comes from the x-access-purpose
 * header) or for a subgraph (the gateway's token; the purpose travels inside it): an asymmetric
 * signature by one of the verifier's keys, its issuer and audience, and an `exp` (and, where the
 * lifetime is capped, an `iat`). Throws UNAUTHENTICATED (HTTP 401) otherwise.
 */
export async function verifyAuthorization(verifier: TokenVerifier, authorization: string | undefined, purposeHeader: string | undefined): Promise<Identity> {
  if (!authorization) throw unauthenticated('send "Authorization: Bearer <token>" (npm run token prints one)');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  const payload = verifier.verified.get(match[1]!) ?? (await verifiedPayload(verifier, match[1]!));
  const { sub, department, roles, jurisdiction } = payload;
  const purpose = verifier.purposeFrom === 'header' ? purposeHeader : typeof payload.purpose === 'string' ? payload.purpose : undefined;
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
