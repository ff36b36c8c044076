import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildingsSeeder, DemoCity, IncidentsSeeder, PopulationSeeder, ResourcesSeeder, seedSubgraph, type DemoSeeder } from '@civic/demo-city';
import { buildings } from '@civic/buildings';
import { incidents } from '@civic/incidents';
import { population } from '@civic/population';
import { resources } from '@civic/resources';
import { createLogger, openDatabase, type Identity, type Orm } from '@civic/runtime';
import { findPlainRows, placeScopedEntities, requestEntityManager, type SubgraphDefinition } from '@civic/subgraph-kit';
import { ReferenceKind, type EntityClass, type EntityMetadata } from '@mikro-orm/core';

const logger = createLogger('plain-rows-test', 'warn', 'json');
const STREET = '330101001';
const wholeCity: Identity = { subject: 'plain-rows-test', department: 'police', roles: ['viewer'] };
const oneStreet: Identity = { ...wholeCity, jurisdiction: STREET };

/** What a read needs of an entity: its persisted scalar properties, read through MikroORM's own hydration. */
function persistedProperties(meta: EntityMetadata): string[] {
  return meta.props.filter((prop) => prop.kind === ReferenceKind.SCALAR && prop.persist !== false).map((prop) => prop.name).sort();
}

const cases: [string, SubgraphDefinition, DemoSeeder][] = [
  ['population', population, new PopulationSeeder()],
  ['buildings', buildings, new BuildingsSeeder()],
  ['incidents', incidents, new IncidentsSeeder()],
  ['resources', resources, new ResourcesSeeder()],
];

describe.each(cases)('plain rows in the %s subgraph', (name, definition, seeder) => {
  let dir: string;
  let orm: Orm;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `civic-plain-${name}-`));
    orm = await openDatabase({ storage: { kind: 'pglite', dataDir: join(dir, name) }, entities: definition.entities, migrations: definition.migrations, logger });
    await seedSubgraph(orm, seeder, new DemoCity(200), logger);
  });
  afterAll(async () => {
    await orm?.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  const readEntities = () =>
    definition.entities
      .map((entity) => orm.getMetadata().get(entity))
      .filter((meta) => meta.primaryKeys.length === 1);
  const firstRows = (meta: EntityMetadata) => ({ orderBy: { [meta.primaryKeys[0]!]: 'asc' }, limit: 60 }) as never;

  it('hold the same values, of the same types, as the entities MikroORM hydrates', async () => {
    const em = requestEntityManager(orm, placeScopedEntities(orm), wholeCity);
    let compared = 0;
    for (const meta of readEntities()) {
      const entity = meta.class as EntityClass<object>;
      const properties = persistedProperties(meta);
      const hydrated = (await em.fork().find(entity, {}, firstRows(meta))) as Record<string, unknown>[];
      const expected = hydrated.map((row) => Object.fromEntries(properties.map((property) => [property, row[property]])));
      const rows = (await findPlainRows(em, entity, {}, firstRows(meta))) as Record<string, unknown>[];
      expect({ entity: meta.className, rows }).toEqual({ entity: meta.className, rows: expected });
      for (const row of rows) expect({ entity: meta.className, keys: Object.keys(row).sort() }).toEqual({ entity: meta.className, keys: properties });
      compared += rows.length;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('see only what the caller\'s jurisdiction filter lets em.find see', async () => {
    const scoped = requestEntityManager(orm, placeScopedEntities(orm), oneStreet);
    const everything = requestEntityManager(orm, placeScopedEntities(orm), wholeCity);
    let narrowed = 0;
    for (const meta of readEntities().filter((meta) => meta.properties.gridCode !== undefined && meta.primaryKeys[0] === 'id')) {
      const entity = meta.class as EntityClass<{ id: number }>;
      const ids = async (em: typeof scoped) => (await findPlainRows(em, entity, {}, { orderBy: { id: 'asc' } })).map((row) => row.id);
      const seen = await ids(scoped);
      expect({ entity: meta.className, ids: seen }).toEqual({
        entity: meta.className,
        ids: (await scoped.fork().find(entity, {}, { orderBy: { id: 'asc' } } as never)).map((row) => row.id),
      });
      if (seen.length < (await ids(everything)).length) narrowed++;
    }
    expect(narrowed).toBeGreaterThan(0);
  });

  it('refuse a request already abandoned, with the reason it was abandoned for', async () => {
    const abandoned = requestEntityManager(orm, placeScopedEntities(orm), wholeCity, { signal: AbortSignal.abort(new Error('the deadline passed')) });
    const [meta] = readEntities();
    await expect(findPlainRows(abandoned, meta!.class as EntityClass<object>, {})).rejects.toThrow('the deadline passed');
  });
});
