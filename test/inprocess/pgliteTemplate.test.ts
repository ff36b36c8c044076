import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { population } from '@civic/population';
import { createLogger, initialiseFromTemplate, openDatabase, pgliteTemplateDir, preparePgliteTemplate } from '@civic/runtime';

/** New embedded databases start from the cluster `npm run build` made, not from an initdb each. */
const logger = createLogger('pglite-template-test', 'warn', 'json');

describe('a new PGlite database, from the template cluster', () => {
  let dir: string;
  beforeAll(async () => {
    await preparePgliteTemplate();
    dir = mkdtempSync(join(tmpdir(), 'civic-template-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a whole cluster a subgraph opens, migrates and writes to', async () => {
    expect(readdirSync(pgliteTemplateDir())).toContain('PG_VERSION');
    const dataDir = join(dir, 'population');
    const orm = await openDatabase({ storage: { kind: 'pglite', dataDir }, entities: population.entities, migrations: population.migrations, logger });
    try {
      await orm.em.fork().execute(`insert into household (id, building_id, grid_code, room) values (1, 1, '110101001001001', '101')`);
      expect(await orm.em.fork().execute('select count(*)::int as n from household')).toEqual([{ n: 1 }]);
    } finally {
      await orm.close(true);
    }
    // The template is a copy's source only: nothing written reaches it.
    expect(existsSync(join(pgliteTemplateDir(), 'base'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['population']);
  });

  it('replaces what a copy cut short left behind, and never touches a directory that holds a database', () => {
    const dataDir = join(dir, 'buildings');
    mkdirSync(`${dataDir}.initialising`, { recursive: true });
    writeFileSync(join(`${dataDir}.initialising`, 'half'), '');
    expect(initialiseFromTemplate(dataDir)).toBe(true);
    expect(existsSync(`${dataDir}.initialising`)).toBe(false);
    expect(readdirSync(dataDir)).toEqual(readdirSync(pgliteTemplateDir()));

    const used = join(dir, 'incidents');
    mkdirSync(used);
    writeFileSync(join(used, 'PG_VERSION'), '17');
    expect(initialiseFromTemplate(used)).toBe(false);
    expect(readdirSync(used)).toEqual(['PG_VERSION']);
  });
});
