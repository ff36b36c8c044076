import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoCity, ForeignDataError, PopulationSeeder, seedSubgraph, type SeedContext } from '@civic/demo-city';
import { population } from '@civic/population';
import { createLogger, openDatabase, type EntityManager, type Orm } from '@civic/runtime';

/** A seed cut off after its rows went in, as a killed process would be (before its commit). */
class CutOffSeeder extends PopulationSeeder {
  override async run(em: EntityManager, context: SeedContext): Promise<void> {
    await super.run(em, context);
    throw new Error('cut off');
  }
}

const logger = createLogger('seed-test', 'warn', 'json');
const residents = async (orm: Orm) => Number((await orm.em.fork().execute<{ n: string }[]>('select count(*) as n from resident'))[0]!.n);

describe('seeding a subgraph', () => {
  let dir: string;
  let orm: Orm;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civic-seed-'));
    orm = await openDatabase({ storage: { kind: 'pglite', dataDir: join(dir, 'population') }, entities: population.entities, migrations: population.migrations, logger });
  });
  afterAll(async () => {
    await orm?.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves nothing behind when cut off, and seeds afresh the next time', async () => {
    const city = new DemoCity(200);
    await expect(seedSubgraph(orm, new CutOffSeeder(), city, logger)).rejects.toThrow('cut off');
    expect(await residents(orm)).toBe(0);
    expect(await seedSubgraph(orm, new PopulationSeeder(), city, logger)).toBe('seeded');
    expect(await residents(orm)).toBe(200);
  });

  it('never seeds twice, and refuses a city of another size', async () => {
    expect(await seedSubgraph(orm, new PopulationSeeder(), new DemoCity(200), logger)).toBe('already-seeded');
    await expect(seedSubgraph(orm, new PopulationSeeder(), new DemoCity(300), logger)).rejects.toThrow(/holds a demo city of 200 residents, not 300/);
    expect(await residents(orm)).toBe(200);
  });

  it('refuses to mix a demo city into data no seed wrote', async () => {
    const other = await openDatabase({ storage: { kind: 'pglite', dataDir: join(dir, 'real') }, entities: population.entities, migrations: population.migrations, logger });
    try {
      await other.em.fork().execute("insert into area (code, name, level, parent_code) values ('330199', 'A real district', 'DISTRICT', null)");
      await expect(seedSubgraph(other, new PopulationSeeder(), new DemoCity(200), logger)).rejects.toThrow(ForeignDataError);
      expect(await residents(other)).toBe(0);
    } finally {
      await other.close(true);
    }
  });
});
