import { resolve } from 'node:path';
import { httpUrlValue, z } from '../config.js';

/**
 * The key variables. Each service reads the ones of its parts; in development a missing one falls back to
 * the development key set under KEYS_DIR, under NODE_ENV=production it is a configuration error.
 */
const optionalPath = z.string().optional().transform((path) => (path === undefined ? undefined : resolve(path)));

const LIFETIME = /^(\d+)(s|m|h|d)$/;
const SECONDS_PER = { s: 1, m: 60, h: 3600, d: 86400 } as const;

const lifetimeValue = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => LIFETIME.test(value) && Number(LIFETIME.exec(value)![1]) > 0, { error: 'a positive duration such as 900s, 30m, 12h or 1d' })
    .transform((value) => {
      const [, amount, unit] = LIFETIME.exec(value)!;
      return Number(amount) * SECONDS_PER[unit as keyof typeof SECONDS_PER];
    });

/** Users' tokens, as the gateway verifies them: the identity provider's public keys, who issues them, for whom, for how long at most. */
export const userTokensEnv = z.object({
  AUTH_JWKS_URL: httpUrlValue.optional(),
  AUTH_JWKS_PATH: optionalPath,
  AUTH_ISSUER: z.string().default('civic-graph'),
  AUTH_AUDIENCE: z.string().default('civic-graph'),
  TOKEN_MAX_LIFETIME: lifetimeValue('12h'),
});

export interface UserTokenSettings {
  /** The identity provider's JWKS, fetched (and refreshed on an unknown key id) from a URL... */
  jwksUrl?: string;
  /** ...or read once from a file; neither, in development: the development identity provider's. */
  jwksPath?: string;
  issuer: string;
  audience: string;
  maxLifetimeSeconds: number;
}

export function userTokenSettingsOf(parsed: z.output<typeof userTokensEnv>): UserTokenSettings {
  return {
    ...(parsed.AUTH_JWKS_URL ? { jwksUrl: parsed.AUTH_JWKS_URL } : {}),
    ...(parsed.AUTH_JWKS_PATH ? { jwksPath: parsed.AUTH_JWKS_PATH } : {}),
    issuer: parsed.AUTH_ISSUER,
    audience: parsed.AUTH_AUDIENCE,
    maxLifetimeSeconds: parsed.TOKEN_MAX_LIFETIME,
  };
}

/** The gateway's private key, which signs the identities it forwards to the subgraphs. */
export const gatewaySigningEnv = z.object({ GATEWAY_PRIVATE_KEY_PATH: optionalPath });
/** The gateway's public keys, the only ones a subgraph accepts identities from. */
export const gatewayJwksEnv = z.object({ GATEWAY_JWKS_PATH: optionalPath });
/** A calling service's own private key (its kid is the service's name): policy snapshots, audit shipping. */
export const serviceCredentialEnv = z.object({ SERVICE_PRIVATE_KEY_PATH: optionalPath });
/** The public keys of the services allowed to call this one (the access service's intake). */
export const serviceCallersEnv = z.object({ SERVICE_JWKS_PATH: optionalPath });

const WHAT_PRODUCTION_NEEDS = {
  AUTH_JWKS_URL: "the identity provider's JWKS URL (or AUTH_JWKS_PATH, a JWKS file)",
  GATEWAY_PRIVATE_KEY_PATH: "the path of the gateway's private JWK, which signs identities for the subgraphs",
  GATEWAY_JWKS_PATH: "the path of a JWKS holding the gateway's public key",
  SERVICE_PRIVATE_KEY_PATH: "the path of this service's own private JWK (its kid the service's name)",
  SERVICE_JWKS_PATH: "the path of a JWKS holding the calling services' public keys",
} as const;
export type KeyVariable = keyof typeof WHAT_PRODUCTION_NEEDS;

type KeyEnv = { NODE_ENV?: string } & Partial<Record<KeyVariable | 'AUTH_JWKS_PATH', unknown>>;

/**
 * NODE_ENV=production generates no keys: every key variable the service needs (`needed`, from its
 * parsed settings) must be set. The check runs even when other variables are wrong, so that every
 * problem is reported at once, one line per missing variable.
 */
export function requiringKeysInProduction<S extends z.ZodType<KeyEnv>>(schema: S, needed: (env: z.output<S>) => readonly KeyVariable[]): S {
  return schema.superRefine(
    (env, ctx) => {
      if (env.AUTH_JWKS_URL !== undefined && env.AUTH_JWKS_PATH !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_PATH'], message: 'unset while AUTH_JWKS_URL is set (the keys come from one place)' });
      }
      if (env.NODE_ENV !== 'production') return;
      for (const variable of needed(env)) {
        const given = env[variable] !== undefined || (variable === 'AUTH_JWKS_URL' && env.AUTH_JWKS_PATH !== undefined);
        if (!given) ctx.addIssue({ code: 'custom', path: [variable], message: `${WHAT_PRODUCTION_NEEDS[variable]}: NODE_ENV=production generates no development keys` });
      }
    },
    { when: () => true },
  ) as unknown as S;
}
