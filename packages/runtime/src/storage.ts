import { resolve } from 'node:path';
import { z } from 'zod';
import { computedVariable, computedVariables, parseEnv, postgresUrlValue, type Env } from './config.js';

/** Where a subgraph keeps its data: an embedded PGlite cluster on disk, or a database on a PostgreSQL server. */
export type Storage = { kind: 'pglite'; dataDir: string } | { kind: 'postgresql'; url: string };

const ownDatabaseUrl = (service: string) => `${service.toUpperCase()}_DATABASE_URL`;

/**
 * `<SERVICE>_DATABASE_URL` wins, then `DATABASE_URL`, whose database name is the prefix of each
 * service's own database (`.../civic` gives `civic_population`, `civic_buildings`, ...), then an
 * embedded PGlite cluster under `DATA_DIR` (default `.data/`).
 */
export const storageEnv = (service: string) =>
  z.object({
    DATABASE_URL: postgresUrlValue.optional(),
    DATA_DIR: z.string().default('.data'),
    ...computedVariables([ownDatabaseUrl(service)], postgresUrlValue.optional()),
  });

export function storageOf(env: z.output<ReturnType<typeof storageEnv>>, service: string): Storage {
  const ownUrl = computedVariable(env, ownDatabaseUrl(service));
  if (ownUrl) return { kind: 'postgresql', url: ownUrl };
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    const prefix = decodeURIComponent(url.pathname.slice(1)) || 'civic';
    url.pathname = `/${encodeURIComponent(`${prefix}_${service}`)}`;
    return { kind: 'postgresql', url: url.toString() };
  }
  return { kind: 'pglite', dataDir: resolve(env.DATA_DIR, service) };
}

/** For tools that open a service's database without being the service (seeding). */
export function storageFromEnv(env: Env, service: string): Storage {
  return storageOf(parseEnv(storageEnv(service), env), service);
}

export function describeStorage(storage: Storage): string {
  if (storage.kind === 'pglite') return `pglite:${storage.dataDir}`;
  const url = new URL(storage.url);
  return `postgresql://${url.host}${url.pathname}`;
}
