import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { lockDataDirectory } from '@civic/runtime/dataDirLock';
import { initialiseFromTemplate } from '@civic/runtime/pgliteTemplate';

/**
 * The demo city of the default size, seeded by `npm run build` (tools/scripts/src/prepareCity.ts) into
 * PGlite directories under tools/demo-city/prepared/<residents>-<day>/. A fresh DATA_DIR's databases
 * are copies of it: 0.1 s each, where seeding took 4-6 s on two cores at every first start. Like the
 * PGlite template, it holds no one's data and is never under DATA_DIR. A city is only good for the day
 * it is dated from (seedingDay) and for the code that wrote it: it is not used once any file it was
 * made from is newer.
 */
const packageDir = resolve(dirname(createRequire(import.meta.url).resolve('@civic/demo-city')), '..');

/** Where the prepared cities are kept, and the repository whose files they are made from. */
export interface PreparedCityPlace {
  cities: string;
  repository: string;
}
const HERE: PreparedCityPlace = { cities: join(packageDir, 'prepared'), repository: resolve(packageDir, '../..') };

export const preparedCityDir = (residents: number, day: Date, place = HERE): string => join(place.cities, `${residents}-${day.toISOString().slice(0, 10)}`);

/** Written last, so a city with it is whole; its time is the city's. */
export const PREPARED_MARKER = 'prepared.json';

/**
 * What the seeded rows come from: the seeders, the example reports they save, the subgraphs' entities
 * and migrations, the database code, the dependencies.
 */
const MADE_FROM = ['tools/demo-city/dist', 'examples/reports', 'packages/runtime/dist', 'packages/subgraph-kit/dist', 'subgraphs', 'package-lock.json', 'patches'];

/** The newest modification under `path`, leaving out the services' bundles (made from the same compiled files). */
function newestUnder(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'bundle' || entry === 'node_modules' || entry === 'src') continue;
    newest = Math.max(newest, newestUnder(join(path, entry)));
  }
  return newest;
}

/** The prepared city of this size and day when it is whole and newer than everything it was made from. */
export function freshPreparedCity(residents: number, day: Date, place = HERE): string | undefined {
  const dir = preparedCityDir(residents, day, place);
  const marker = join(dir, PREPARED_MARKER);
  if (!existsSync(marker)) return undefined;
  const madeAt = statSync(marker).mtimeMs;
  const newest = Math.max(...MADE_FROM.map((path) => join(place.repository, path)).filter(existsSync).map(newestUnder));
  return newest <= madeAt ? dir : undefined;
}

/** Copies one subgraph's prepared database into an empty or missing PGlite directory, holding its lock; false when the directory holds anything. */
export function copyPreparedDatabase(city: string, subgraph: string, dataDir: string): boolean {
  const unlock = lockDataDirectory(dataDir);
  try {
    return initialiseFromTemplate(dataDir, join(city, subgraph));
  } finally {
    unlock();
  }
}
