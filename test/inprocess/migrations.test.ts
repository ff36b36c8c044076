import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { population } from '@civic/population';
import { createLogger, openDatabase, sqlStatements, type Orm } from '@civic/runtime';

const logger = createLogger('migrations-test', 'warn', 'json');

/** Opening a database brings it up to the committed migrations, and a restart with nothing pending costs one select. */
describe('migrations at start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'civic-migrations-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const open = (migrations = population.migrations) =>
    openDatabase({ storage: { kind: 'pglite', dataDir: join(dir, 'population') }, entities: population.entities, migrations, logger });
  const appliedNames = async (orm: Orm) => (await orm.em.fork().execute<{ name: string }[]>('select name from mikro_orm_migrations order by id')).map((row) => row.name);
  const tableExists = async (orm: Orm, table: string) => (await orm.em.fork().execute<{ found: string | null }[]>(`select to_regclass('${table}') as found`))[0]!.found !== null;

  it('applies a migration added since the last start, and then nothing more', async () => {
    const [first, second] = population.migrations;
    expect(second).toBeDefined();

    const before = await open([first!]);
    expect(await appliedNames(before)).toEqual([first!.name]);
    await before.close(true);

    const upgraded = await open();
    expect(await appliedNames(upgraded)).toEqual([first!.name, second!.name]);
    await upgraded.close(true);

    const sentBefore = sqlStatements.current;
    const restarted = await open();
    // 'select 1' opens the database, one select finds every migration applied.
    expect(sqlStatements.current - sentBefore).toBe(2);
    expect(await appliedNames(restarted)).toEqual([first!.name, second!.name]);
    expect(await tableExists(restarted, 'resident')).toBe(true);
    await restarted.close(true);
  });
});
