import { Seeder } from '@mikro-orm/seeder';
import type { EntityManager, Logger, Orm } from '@civic/runtime';
import { analyzeTables } from './bulk.js';
import { ForeignDataError, type SeedOutcome } from './seedOutcome.js';
import type { DemoCity } from './demoCity.js';

export interface SeedContext {
  city: DemoCity;
  logger: Logger;
}

/** One subgraph's share of the demo city, as a MikroORM Seeder: run by tools, never by a service. */
export abstract class DemoSeeder extends Seeder<SeedContext> {
  abstract readonly subgraph: string;
  /** The subgraph's tables: a database is empty when none of them holds a row. */
  abstract readonly tables: readonly string[];
  protected abstract readonly load: (em: EntityManager, city: DemoCity, logger: Logger) => Promise<void>;

  async run(em: EntityManager, context: SeedContext): Promise<void> {
    await this.load(em, context.city, context.logger);
  }
}

/**
 * Written in the seed's own transaction, after the last row: a database with this row holds a whole
 * demo city, one without it holds none (a seed cut short rolls back, so the next run starts afresh).
 */
const MARKER_TABLE = 'demo_seed';


async function holdsAnyRow(em: EntityManager, tables: readonly string[]): Promise<boolean> {
  const probes = tables.map((table) => `select 1 from "${table}"`).join(' union all ');
  const rows = await em.execute(`select exists (${probes}) as found`);
  return Boolean((rows[0] as { found: boolean }).found);
}

/** The size of the city a completed seed wrote, or undefined when none did. */
async function seededResidents(em: EntityManager): Promise<number | undefined> {
  const [row] = await em.execute<{ present: string | null }[]>(`select to_regclass('${MARKER_TABLE}')::text as present`);
  if (!row?.present) return undefined;
  const [marker] = await em.execute<{ residents: number }[]>(`select residents from "${MARKER_TABLE}" limit 1`);
  return marker?.residents;
}

/**
 * Seeds one subgraph's database with its share of `city`, atomically: the rows and the marker go in one
 * transaction. A database that already holds a seeded city is left alone; one that holds rows no
 * completed seed wrote (real data, or a foreign schema) is refused rather than mixed with a demo city.
 */
export async function seedSubgraph(orm: Orm, seeder: DemoSeeder, city: DemoCity, logger: Logger): Promise<SeedOutcome> {
  const em = orm.em.fork() as EntityManager;
  const seeded = await seededResidents(em);
  if (seeded === city.residentCount) return 'already-seeded';
  if (seeded !== undefined) {
    // The subgraphs' shares of a city refer to each other by id: two sizes in one platform do not fit.
    throw new ForeignDataError(`${seeder.subgraph}: holds a demo city of ${seeded} residents, not ${city.residentCount}; npm run seed -- --reset replaces it`);
  }
  if (await holdsAnyRow(em, seeder.tables)) {
    throw new ForeignDataError(
      `${seeder.subgraph}: the database holds data no completed demo seed wrote; refusing to add a demo city to it ` +
        `(npm run seed -- --reset replaces it, deleting what it holds)`,
    );
  }
  await em.transactional(async (tx) => {
    await seeder.run(tx as EntityManager, { city, logger });
    await tx.execute(`create table if not exists "${MARKER_TABLE}" (residents integer not null, reference_date date not null, seeded_at timestamptz not null default now())`);
    await tx.execute(`insert into "${MARKER_TABLE}" (residents, reference_date) values (?, ?)`, [city.residentCount, city.referenceDate.toISOString().slice(0, 10)]);
  });
  await analyzeTables(em);
  return 'seeded';
}
