import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { copyPreparedDatabase, freshPreparedCity, PREPARED_MARKER, preparedCityDir, type PreparedCityPlace } from '@civic/demo-city';

/** A repository and a prepared city of the test's own, with file times set by hand. */
let root: string;
let place: PreparedCityPlace;
const DAY = new Date('2026-12-03T00:00:00Z');
const file = (path: string, mtimeSeconds: number, text = '') => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  utimesSync(join(root, path), mtimeSeconds, mtimeSeconds);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'civic-prepared-'));
  place = { cities: join(root, 'cities'), repository: join(root, 'repo') };
  file('repo/tools/demo-city/dist/seeders/population.js', 1000);
  file('repo/subgraphs/population/dist/migrations/Migration1.js', 1000);
  file('repo/package-lock.json', 1000);
  file('repo/examples/reports/a.json', 1000);
  file('cities/4000-2026-12-03/population/PG_VERSION', 1500, '17');
  file(`cities/4000-2026-12-03/${PREPARED_MARKER}`, 2000);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the demo city npm run build prepares', () => {
  it('is used for its size and day while it is newer than every file it was made from', () => {
    expect(freshPreparedCity(4000, DAY, place)).toBe(preparedCityDir(4000, DAY, place));
    expect(freshPreparedCity(200, DAY, place)).toBeUndefined();
    expect(freshPreparedCity(4000, new Date('2026-12-04T00:00:00Z'), place)).toBeUndefined();
  });

  it('is not used once a seeder, an example report, a migration or the lockfile is newer than it', () => {
    for (const input of ['repo/tools/demo-city/dist/seeders/population.js', 'repo/examples/reports/a.json', 'repo/subgraphs/population/dist/migrations/Migration1.js', 'repo/package-lock.json']) {
      file(input, 3000);
      expect({ input, city: freshPreparedCity(4000, DAY, place) }).toEqual({ input, city: undefined });
      file(input, 1000);
    }
  });

  it('is still used when only a service bundle or a source file changed (neither writes rows; the compiled files do)', () => {
    file('repo/subgraphs/population/dist/bundle/main.js', 3000);
    file('repo/subgraphs/population/src/main.ts', 3000);
    expect(freshPreparedCity(4000, DAY, place)).toBeDefined();
  });

  it('is not used while half made (no marker)', () => {
    rmSync(join(place.cities, '4000-2026-12-03', PREPARED_MARKER));
    expect(freshPreparedCity(4000, DAY, place)).toBeUndefined();
  });

  it('is copied whole into a missing database directory, and never over one that holds anything', () => {
    const city = preparedCityDir(4000, DAY, place);
    const dataDir = join(root, 'data', 'population');
    mkdirSync(dirname(dataDir), { recursive: true });
    expect(copyPreparedDatabase(city, 'population', dataDir)).toBe(true);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8')).toBe('17');
    // The lock was held and given back; no half copy is left beside it.
    expect(readdirSync(join(root, 'data'))).toEqual(['population']);
    writeFileSync(join(dataDir, 'PG_VERSION'), 'theirs');
    expect(copyPreparedDatabase(city, 'population', dataDir)).toBe(false);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8')).toBe('theirs');
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
