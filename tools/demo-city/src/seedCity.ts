import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { LogFormat, LogLevel, Logger } from '@civic/runtime';
import { storageFromEnv, type Storage } from '@civic/runtime/storage';
import type { SubgraphDefinition } from '@civic/subgraph-kit';
import { copyPreparedDatabase, freshPreparedCity } from './preparedCity.js';
import { seedingDay } from './demoCityDefaults.js';
import { ForeignDataError, type SeedOutcome } from './seedOutcome.js';

type Env = Record<string, string | undefined>;

/** What a seeding worker thread is given: plain data, since a thread shares no objects. */
export interface SeedJob {
  subgraphs: string[];
  residents: number;
  referenceDate: string;
  envs: Record<string, Env>;
  reset: boolean;
  logLevel: LogLevel;
  /** The format this thread's logs are in: pretty at a terminal, as the caller's own. */
  logFormat: LogFormat;
}

export type SeedMessage = { kind: 'done'; subgraph: string; outcome: SeedOutcome; seconds: number; statements: number } | { kind: 'failed'; name: string; message: string; stack: string };

export interface SeedCityOptions {
  residents: number;
  /** The day the city's dates count from (see seedingDay); today by default. */
  referenceDate?: Date;
  /** The environment a subgraph's service would get: where its database is (DATA_DIR, DATABASE_URL, <SUBGRAPH>_DATABASE_URL). */
  envFor: (subgraph: string) => Env;
  /** Delete each subgraph's database first (its PGlite directory, or its PostgreSQL database). */
  reset?: boolean;
  logger: Logger;
  /** One line per subgraph when it is done, with the SQL statements its seed sent. */
  onDone?: (subgraph: string, outcome: SeedOutcome, seconds: number, statements: number) => void;
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
export const seededNote = (storage: Storage) => (storage.kind === 'pglite' ? join(storage.dataDir, 'civic-demo-city.json') : undefined);

/**
 * PGlite runs each database on the thread that opened it, so the seeders are spread over worker threads,
 * one per core: each lane is about the same work (population is the biggest share; access the smallest).
 */
// In the order their notes are read, which is the order a restart starts them in: the access service
// first, since every other service waits for its policy.
const SEEDING_LANES = [['access', 'population'], ['buildings', 'resources', 'incidents']];

/** Seeds `subgraphs` in a worker thread of their own; its databases never touch this thread. */
function seedInWorker(subgraphs: string[], referenceDate: Date, options: SeedCityOptions): Promise<void> {
  const job: SeedJob = { subgraphs, residents: options.residents, referenceDate: referenceDate.toISOString(), envs: Object.fromEntries(subgraphs.map((name) => [name, options.envFor(name)])), reset: options.reset ?? false, logLevel: options.logger.level as LogLevel, logFormat: process.stdout.isTTY ? 'pretty' : 'json' };
  const worker = new Worker(new URL('./seedWorker.js', import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: SeedMessage) => {
      if (message.kind === 'done') options.onDone?.(message.subgraph, message.outcome, message.seconds, message.statements);
      else if (message.kind === 'failed') reject(message.name === 'ForeignDataError' ? new ForeignDataError(message.message) : Object.assign(new Error(message.message), { stack: message.stack }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the seeding worker for ${subgraphs.join(', ')} exited with ${code}`))));
  });
}

/**
 * Seeds the demo city into every data subgraph's database, concurrently; each one atomically and only
 * when empty (see seedSubgraph). A PGlite directory that does not exist yet gets a copy of the city the
 * build prepared instead, when there is a fresh one of this size and day (preparedCity.ts). The access
 * service bootstraps its departments and policy itself; its demo share is the example reports.
 */
export async function seedCity(options: SeedCityOptions): Promise<void> {
  const referenceDate = options.referenceDate ?? seedingDay();
  // Looked for only once a database lacks its note: a restart reads five notes and walks nothing else.
  let prepared: { city: string | undefined } | undefined;
  const preparedCity = () => (prepared ??= { city: options.reset ? undefined : freshPreparedCity(options.residents, referenceDate) }).city;
  const toSeed = (subgraph: string) => {
    if (options.reset) return true;
    if (noteSaysSeeded(subgraph, options)) return false;
    const city = preparedCity();
    return !(city !== undefined && copiedPrepared(city, subgraph, options));
  };
  const lanes = Math.min(availableParallelism(), SEEDING_LANES.length);
  const work = SEEDING_LANES.slice(0, lanes).map((_, lane) => SEEDING_LANES.filter((__, index) => index % lanes === lane).flat().filter(toSeed));
  await Promise.all(work.filter((subgraphs) => subgraphs.length).map((subgraphs) => seedInWorker(subgraphs, referenceDate, options)));
}

/** A fresh PGlite directory gets the prepared city's database, when there is one of this size and day. */
function copiedPrepared(city: string, subgraph: string, options: SeedCityOptions): boolean {
  const started = Date.now();
  const storage = storageFromEnv(options.envFor(subgraph), subgraph);
  if (storage.kind !== 'pglite') return false;
  mkdirSync(dirname(storage.dataDir), { recursive: true });
  if (!copyPreparedDatabase(city, subgraph, storage.dataDir)) return false;
  options.onDone?.(subgraph, 'copied', (Date.now() - started) / 1000, 0);
  return true;
}

/**
 * Read here, before any worker starts: on a platform's every start after the first, all five notes are
 * there, and a worker thread would spend a second of CPU loading the seeders only to read them.
 */
function noteSaysSeeded(subgraph: string, options: SeedCityOptions): boolean {
  const note = seededNote(storageFromEnv(options.envFor(subgraph), subgraph));
  if (!note || !existsSync(note)) return false;
  options.onDone?.(subgraph, 'already-seeded', 0, 0);
  return true;
}
