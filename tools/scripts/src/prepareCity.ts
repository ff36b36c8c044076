/**
 * Run by `npm run build`, last: seeds today's demo city of the default size into
 * tools/demo-city/prepared/ (see preparedCity.ts), which a fresh DATA_DIR then copies instead of seeding;
 * nothing to do while the one there is of today and newer than the code that wrote it. The city is
 * seeded beside, then renamed into place, and the cities of other days are deleted.
 */
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// Modules, not the packages' indexes: every `npm start` builds first, and usually there is nothing to do.
import { DEFAULT_DEMO_RESIDENTS, seedingDay } from '@civic/demo-city/demoCityDefaults';
import { freshPreparedCity, PREPARED_MARKER, preparedCityDir } from '@civic/demo-city/preparedCity';
import { seedCity } from '@civic/demo-city/seedCity';
import { createLogger } from '@civic/runtime/logger';

/** Cities of other days (or of this day, about to be replaced), and cities half made by builds that died. */
function leftOver(entry: string): boolean {
  const building = /\.(\d+)\.building$/.exec(entry);
  if (!building) return true;
  try {
    process.kill(Number(building[1]), 0);
    return false;
  } catch {
    return true;
  }
}

const residents = DEFAULT_DEMO_RESIDENTS;
const day = seedingDay();
if (!freshPreparedCity(residents, day)) {
  const started = Date.now();
  const target = preparedCityDir(residents, day);
  const building = `${target}.${process.pid}.building`;
  rmSync(building, { recursive: true, force: true });
  await seedCity({ residents, referenceDate: day, envFor: () => ({ DATA_DIR: building }), logger: createLogger('prepare-city', 'warn') });
  writeFileSync(join(building, PREPARED_MARKER), `${JSON.stringify({ residents, day: day.toISOString().slice(0, 10) })}\n`);
  for (const entry of readdirSync(dirname(target)).filter(leftOver)) rmSync(join(dirname(target), entry), { recursive: true, force: true });
  renameSync(building, target);
  process.stdout.write(`prepared the demo city of ${residents.toLocaleString('en')} residents for a fresh DATA_DIR in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
