import { SignJWT, jwtVerify } from 'jose';
import { ASYMMETRIC_ALGORITHMS, type PublicKeys, type SigningKey } from './keyFiles.js';

/**
 * Service-to-service calls (policy snapshots, audit shipping) carry a short-lived token each calling
 * service signs with its own private key, whose kid is the service's name. The called service verifies
 * it against the callers' public keys and takes the caller's identity from the verified key, never from
 * the request: one service's credential cannot speak for another, and no user's or gateway's token passes.
 */
export interface ServiceCredential {
  service: string;
  key: SigningKey;
}

const SERVICE_ISSUER = 'civic-service';
const SERVICE_AUDIENCE = 'civic-internal';

export async function signServiceToken(credential: ServiceCredential): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: credential.key.alg, kid: credential.key.kid, typ: 'JWT' })
    .setSubject(credential.service)
    .setIssuer(SERVICE_ISSUER)
    .setAudience(SERVICE_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(credential.key.key);
}

/** The calling service's name, or null when the header carries no token signed by one of `callers`. */
export async function verifyServiceToken(callers: PublicKeys, authorization: string | undefined): Promise<string | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  try {
    const { payload, protectedHeader } = await jwtVerify(token, callers, {
      issuer: SERVICE_ISSUER,
      audience: SERVICE_AUDIENCE,
      algorithms: ASYMMETRIC_ALGORITHMS,
      requiredClaims: ['exp', 'sub'],
      maxTokenAge: '5m',
    });
    // The key that verified is the one the header names: the subject must be that key's service.
    return protectedHeader.kid !== undefined && payload.sub === protectedHeader.kid ? protectedHeader.kid : null;
  } catch {
    return null;
  }
}
