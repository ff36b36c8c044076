import { MikroORM as PgliteORM } from '@mikro-orm/pglite';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, IDatabaseDriver, MigrationObject, MikroORM, Options } from '@mikro-orm/core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { positiveIntValue } from './config.js';
import { describeStorage, type Storage } from './storage.js';
import type { Logger } from './logger.js';
import { sqlStatements } from './metrics.js';
import { lockDataDirectory } from './dataDirLock.js';
import { PinoOrmLogger } from './observability/ormLogger.js';
import type { StartupClock } from './startupClock.js';
import { DEFAULT_PGLITE_SETTINGS, pgliteStartParams, startPgliteCheckpoints, type PgliteSettings } from './pglite.js';
import { initialiseFromTemplate } from './pgliteTemplate.js';

export type EntityManager = SqlEntityManager;
/** Both drivers speak PostgreSQL SQL; code above this module treats them alike. */
export type Orm = MikroORM<IDatabaseDriver, EntityManager>;

/** A service's bounds on its database work (PostgreSQL; PGlite runs in-process and cannot be interrupted). */
export const databaseTimeoutsEnv = z.object({
  DATABASE_STATEMENT_TIMEOUT_MS: positiveIntValue(8000),
  DATABASE_ACQUIRE_TIMEOUT_MS: positiveIntValue(5000),
});

export interface DatabaseTimeouts {
  /** PostgreSQL's `statement_timeout` (and `idle_in_transaction_session_timeout`) of every serving connection. */
  statementMs: number;
  /** How long a statement waits for a pooled connection (or a new one to open) before it fails. */
  acquireMs: number;
}

export function databaseTimeoutsOf(parsed: z.output<typeof databaseTimeoutsEnv>): DatabaseTimeouts {
  return { statementMs: parsed.DATABASE_STATEMENT_TIMEOUT_MS, acquireMs: parsed.DATABASE_ACQUIRE_TIMEOUT_MS };
}

export interface DatabaseOptions {
  storage: Storage;
  entities: Constructor<object>[];
  migrations: MigrationObject[];
  logger: Logger;
  /** Services serve under these; tools (seeding) leave them out, since bulk loads outlast any request. */
  timeouts?: DatabaseTimeouts;
  /** How PGlite runs (buffer pool, WAL bound, checkpoints); the defaults when left out. */
  pglite?: PgliteSettings;
  /** A service's start-up clock: opening ('database open') and migrating ('migrations') are marked on it. */
  clock?: StartupClock;
}

function commonOptions(options: DatabaseOptions): Partial<Options> {
  return {
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    // Migrations are committed code; a schema snapshot file in the working directory would only be litter.
    migrations: { migrationsList: options.migrations, transactional: true, allOrNothing: true, snapshot: false },
    discovery: { warnWhenNoEntities: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    loggerFactory: (loggerOptions) => new PinoOrmLogger(options.logger, loggerOptions),
    onQuery: (sql: string) => {
      sqlStatements.increment();
      return sql;
    },
  };
}

async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    // Two services starting at once may race to create the same database; the loser sees it exists
    // (42P04), or, when both passed the check together, the catalogue's unique index refuses it (23505).
    if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await client.end();
  }
}

/** Any fixed number will do: it names "migrating this database" among the advisory locks of its server. */
const MIGRATION_LOCK_KEY = 4_100_520_261;

/**
 * Replicas of a subgraph starting together would each apply the same migration, and all but one fail on
 * "already exists". A session-level advisory lock, held on a connection of its own while this replica
 * migrates, makes the others wait; each then finds the migrations applied and applies none.
 */
async function oneMigratorAtATime<T>(url: string, migrate: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await migrate();
  } finally {
    // Ending the session releases its lock, whatever happened.
    await client.end();
  }
}

/**
 * Whether every committed migration is recorded as applied: a restart's usual case, answered by one
 * select. The migrator's first check in a process costs 0.1-0.2 s of CPU (measured: 105-114 ms for a
 * first up() with nothing pending, 3 ms for a second, 2 ms for this select), at every start of every
 * subgraph; it now runs only when something may be pending, or its table is missing.
 */
async function allApplied(orm: Orm, migrations: MigrationObject[]): Promise<boolean> {
  const table = orm.config.get('migrations').tableName ?? 'mikro_orm_migrations';
  try {
    const rows = await orm.em.getConnection().execute<{ name: string }[]>(`select name from "${table}"`);
    const applied = new Set(rows.map((row) => row.name));
    return migrations.every((migration) => applied.has(migration.name));
  } catch {
    return false;
  }
}

/** Applies what is pending; the names of the migrations it applied. */
async function migrate(orm: Orm, options: DatabaseOptions): Promise<string[]> {
  if (await allApplied(orm, options.migrations)) return [];
  const { storage } = options;
  const applied = storage.kind === 'postgresql' ? await oneMigratorAtATime(storage.url, () => orm.migrator.up()) : await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

/** Sessions run in UTC, so SQL date arithmetic (current_date) agrees with the UTC dates the code computes. */
function withUtcSession(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', '-c timezone=UTC');
  return parsed.toString();
}

/** Runs `before` ahead of closing (ending work that uses the database) and `after` once closed (releasing the directory). */
function aroundClose(orm: Orm, before: () => Promise<void>, after: () => void): void {
  const close = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    try {
      await before();
      await close(force);
    } finally {
      after();
    }
  };
}

/** The serving pool's bounds: statement and idle-in-transaction timeouts on every connection, and an acquire timeout. */
function servingPoolOptions(timeouts: DatabaseTimeouts): pg.PoolConfig {
  return {
    statement_timeout: timeouts.statementMs,
    // A transaction left open (a frozen or crashed caller) would otherwise hold its locks indefinitely.
    idle_in_transaction_session_timeout: timeouts.statementMs,
    connectionTimeoutMillis: timeouts.acquireMs,
  };
}

/** Opens the subgraph's database and brings its schema up to date with the committed migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  const { storage, logger } = options;
  let orm: Orm;
  if (storage.kind === 'pglite') {
    mkdirSync(dirname(storage.dataDir), { recursive: true });
    const unlock = lockDataDirectory(storage.dataDir);
    if (!initialiseFromTemplate(storage.dataDir)) mkdirSync(storage.dataDir, { recursive: true });
    const settings = options.pglite ?? DEFAULT_PGLITE_SETTINGS;
    try {
      orm = (await PgliteORM.init({ ...commonOptions(options), dbName: storage.dataDir, driverOptions: { startParams: pgliteStartParams(settings) } })) as unknown as Orm;
    } catch (error) {
      unlock();
      throw error;
    }
    const pgliteOrm = orm;
    const checkpoints = startPgliteCheckpoints(() => pgliteOrm.em.getConnection(), settings.checkpointMs, logger);
    aroundClose(orm, checkpoints.stop, unlock);
  } else {
    await ensurePostgresDatabase(storage.url);
    orm = (await PostgresORM.init({
      ...commonOptions(options),
      clientUrl: withUtcSession(storage.url),
      pool: { min: 1, max: 10 },
    })) as unknown as Orm;
  }
  // MikroORM opens lazily: the first statement starts PGlite's PostgreSQL (or the pool's first connection), so the clock counts it as opening.
  await orm.em.getConnection().execute('select 1');
  options.clock?.mark('database open');
  const applied = await migrate(orm, options);
  options.clock?.mark('migrations');
  // Migrations run without the serving timeouts (a migration of a large table may take minutes); then the pool is reopened with them.
  if (options.timeouts && storage.kind === 'postgresql') {
    await orm.reconnect({ driverOptions: servingPoolOptions(options.timeouts) });
  }
  const settings = storage.kind === 'postgresql' ? { timeouts: options.timeouts } : { pglite: options.pglite ?? DEFAULT_PGLITE_SETTINGS };
  logger.info({ storage: describeStorage(storage), migrationsApplied: applied, ...settings }, 'database ready');
  return orm;
}
