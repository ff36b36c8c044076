/**
 * Environment configuration, read and validated once at start-up.
 * A bad value stops the process with a message naming the variable, what it holds and what it should hold.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function readString(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(`${name} is required but not set`);
}

export function readOptionalString(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a TCP port between 0 and 65535, got "${raw}"`);
  }
  return port;
}

export function readPositiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

export function readUrl(env: Env, name: string, fallback?: string): string {
  const value = readString(env, name, fallback);
  try {
    new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${value}"`);
  }
  return value;
}

export function readOptionalUrl(env: Env, name: string): string | undefined {
  return env[name] ? readUrl(env, name) : undefined;
}

/** The development secret lets the demo run with no configuration; production sets JWT_SECRET. */
export const DEVELOPMENT_JWT_SECRET = 'civic-graph-development-secret-change-me-in-production';

export function readJwtSecret(env: Env): string {
  const secret = readString(env, 'JWT_SECRET', DEVELOPMENT_JWT_SECRET);
  if (secret.length < 32) {
    throw new ConfigError(`JWT_SECRET must be at least 32 characters long, got ${secret.length}`);
  }
  return secret;
}
