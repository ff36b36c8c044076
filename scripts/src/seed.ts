/**
 * `npm run seed -- --scale <residents> [--reset]`: loads the demo city at the given size into each
 * subgraph's database (PostgreSQL via DATABASE_URL, else PGlite under .data/), printing rows per second.
 * The platform then starts on that data without seeding again (start it with the same DEMO_RESIDENTS).
 */
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { DemoCity, analyzeTables, openDatabase, storageFromEnv, createLogger, sqlStatements, type EntityManager, type Storage } from '@civic/shared';
import { loadSubgraph, SUBGRAPH_NAMES } from './subgraphs.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: process.env.DEMO_RESIDENTS ?? '4000' }, reset: { type: 'boolean', default: false } },
});
const residents = Number(values.scale);
if (!Number.isInteger(residents) || residents < 100) {
  process.stderr.write(`seed: --scale must be a whole number of residents, at least 100; got "${values.scale}"\n`);
  process.exit(64);
}

async function reset(storage: Storage): Promise<void> {
  if (storage.kind === 'pglite') {
    rmSync(storage.dataDir, { recursive: true, force: true });
    return;
  }
  const target = new URL(storage.url);
  const admin = new URL(storage.url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists "${decodeURIComponent(target.pathname.slice(1))}" with (force)`);
  await client.end();
}

const city = new DemoCity(residents);
const logger = createLogger('seed');
process.stdout.write(`Seeding a city of ${residents.toLocaleString('en')} residents, ${city.buildingCount.toLocaleString('en')} buildings, ${city.incidentCount.toLocaleString('en')} incidents in ${city.gridCount} grids\n`);
const started = Date.now();

async function seedOne(name: string): Promise<void> {
  const definition = await loadSubgraph(name);
  const storage = storageFromEnv(process.env, name);
  if (values.reset) await reset(storage);
  const orm = await openDatabase({ storage, entities: definition.entities, migrations: definition.migrations, logger });
  try {
    const em = orm.em.fork() as EntityManager;
    if (await definition.hasData(em)) {
      process.stdout.write(`${name}: already holds data; pass --reset to replace it\n`);
      return;
    }
    const t0 = Date.now();
    const rows = await countRowsAfter(em, async () => {
      await definition.seed(em, city, logger);
      await analyzeTables(em);
    });
    const seconds = (Date.now() - t0) / 1000;
    process.stdout.write(`${name}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s\n`);
  } finally {
    await orm.close(true);
  }
}

async function countRowsAfter(em: EntityManager, seed: () => Promise<void>): Promise<number> {
  await seed();
  const tables = await em.execute<{ relname: string }[]>(
    "select relname from pg_stat_user_tables where schemaname = current_schema() and relname <> 'mikro_orm_migrations'",
  );
  let total = 0;
  for (const { relname } of tables) {
    const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from "${relname}"`);
    total += Number(row!.n);
  }
  return total;
}

await Promise.all(SUBGRAPH_NAMES.map(seedOne));
process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s (${sqlStatements.current.toLocaleString('en')} SQL statements)\n`);
