import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, storageFromEnv, type Logger, type Storage } from '@civic/runtime';
import type { SubgraphDefinition } from '@civic/subgraph-kit';
import { DemoCity } from './demoCity.js';
import { seedSubgraph, type DemoSeeder, type SeedOutcome } from './seeding.js';
import { DEMO_SEEDERS } from './seeders/index.js';

type Env = Record<string, string | undefined>;

export interface SeedCityOptions {
  residents: number;
  /** The environment a subgraph's service would get: where its database is (DATA_DIR, DATABASE_URL, <SUBGRAPH>_DATABASE_URL). */
  envFor: (subgraph: string) => Env;
  /** Delete each subgraph's database first (its PGlite directory, or its PostgreSQL database). */
  reset?: boolean;
  logger: Logger;
  /** One line per subgraph when it is done. */
  onDone?: (subgraph: string, outcome: SeedOutcome, seconds: number) => void;
}

/** A subgraph's definition, loaded by name so that each tool pays only for the subgraphs it touches. */
export async function loadSubgraph(name: string): Promise<SubgraphDefinition> {
  const module = (await import(`@civic/${name}`)) as Record<string, SubgraphDefinition>;
  const definition = module[name];
  if (!definition) throw new Error(`@civic/${name} exports no subgraph definition named "${name}"`);
  return definition;
}

/** Deletes one subgraph's database: only the one its configuration names, never a neighbour's. */
export async function dropStorage(storage: Storage): Promise<void> {
  if (storage.kind === 'pglite') {
    rmSync(storage.dataDir, { recursive: true, force: true });
    return;
  }
  const target = new URL(storage.url);
  const admin = new URL(storage.url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${decodeURIComponent(target.pathname.slice(1)).replaceAll('"', '""')}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * A note inside a PGlite directory that its database holds a completed seed (the marker row is the
 * truth; this only spares `npm start` opening five embedded databases just to read it). It lives in
 * the directory, so deleting the data deletes the note.
 */
const seededNote = (storage: Storage) => (storage.kind === 'pglite' ? join(storage.dataDir, 'civic-demo-city.json') : undefined);

async function seedOne(seeder: DemoSeeder, city: DemoCity, options: SeedCityOptions): Promise<void> {
  const started = Date.now();
  const storage = storageFromEnv(options.envFor(seeder.subgraph), seeder.subgraph);
  if (options.reset) await dropStorage(storage);
  const note = seededNote(storage);
  if (note && existsSync(note)) {
    options.onDone?.(seeder.subgraph, 'already-seeded', (Date.now() - started) / 1000);
    return;
  }
  const definition = await loadSubgraph(seeder.subgraph);
  const orm = await openDatabase({ storage, entities: definition.entities, migrations: definition.migrations, logger: options.logger });
  try {
    const outcome = await seedSubgraph(orm, seeder, city, options.logger);
    if (note) writeFileSync(note, JSON.stringify({ subgraph: seeder.subgraph, seededBefore: new Date().toISOString() }));
    options.onDone?.(seeder.subgraph, outcome, (Date.now() - started) / 1000);
  } finally {
    await orm.close(true);
  }
}

/**
 * Seeds the demo city into every data subgraph's database, concurrently; each one atomically and only
 * when empty (see seedSubgraph). The access service bootstraps its departments and policy itself; its demo share is the example reports.
 */
export async function seedCity(options: SeedCityOptions): Promise<DemoCity> {
  const city = new DemoCity(options.residents);
  await Promise.all(DEMO_SEEDERS.map((seeder) => seedOne(seeder, city, options)));
  return city;
}
