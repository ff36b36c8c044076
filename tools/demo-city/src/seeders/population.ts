import { Random } from '../random.js';
import { advanceIdSequence, bulkInsert, mapIterable, range } from '../bulk.js';
import { type DemoCity } from '../demoCity.js';
import { type EntityManager, type Logger } from '@civic/runtime';
import { DemoSeeder } from '../seeding.js';
import { CareVisit } from '@civic/population/care/CareVisit';
import { Area } from '@civic/population/places/Area';
import { Household } from '@civic/population/residents/Household';
import { Resident } from '@civic/population/residents/Resident';

const VISITORS = ['Grid worker', 'Social worker', 'Community doctor', 'Volunteer'];

function* households(city: DemoCity) {
  for (let b = 0; b < city.buildingCount; b++) {
    const { first, count } = city.residentsOfBuilding(b);
    const gridCode = city.gridCodeAt(city.gridIndexOfBuilding(b));
    for (let n = 0; n * 3 < count; n++) {
      yield { id: first + 3 * n + 1, buildingId: b + 1, gridCode, room: `${Math.floor(n / 4) + 1}0${(n % 4) + 1}` };
    }
  }
}

function* careVisits(city: DemoCity) {
  let id = 1;
  for (let j = 0; j < city.residentCount; j++) {
    const resident = city.residentAt(j);
    if (resident.careCategories.length === 0) continue;
    const random = new Random(city.seed, 7, j);
    for (let v = random.int(1, 3); v > 0; v--) {
      yield {
        id: id++,
        residentId: resident.id,
        gridCode: resident.gridCode,
        visitedAt: new Date(city.referenceDate.getTime() - random.int(1, 180) * 86_400_000),
        visitor: random.pick(VISITORS),
        notes: random.pick(['Doing well', 'Needs help with groceries', 'Medication checked', 'Home safety check done']),
      };
    }
  }
}

async function seedPopulation(em: EntityManager, city: DemoCity, logger: Logger): Promise<void> {
  const started = Date.now();
  const areas = await bulkInsert(em, Area, [
    ...mapIterable(city.areas(), (a) => ({ ...a, workerName: null, workerPhone: null })),
    ...mapIterable(city.grids(), ({ code, name, level, parentCode, workerName, workerPhone }) => ({ code, name, level, parentCode, workerName, workerPhone })),
  ]);
  const householdRows = await bulkInsert(em, Household, households(city));
  const residents = await bulkInsert(
    em,
    Resident,
    mapIterable(range(city.residentCount), (j) => {
      const { buildingId, householdId, gridCode, name, gender, birthDate, idNumber, phone, careCategories, keyPersonnelCategory, id } = city.residentAt(j);
      return { id, buildingId, householdId, gridCode, name, gender, birthDate: birthDate.toISOString().slice(0, 10), idNumber, phone, careCategories, keyPersonnelCategory, registeredAt: new Date(Date.UTC(2020, 0, 1)) };
    }),
  );
  const visits = await bulkInsert(em, CareVisit, careVisits(city));
  for (const table of ['household', 'resident', 'care_visit']) await advanceIdSequence(em, table);
  const seconds = (Date.now() - started) / 1000;
  logger.info({ areas, households: householdRows, residents, careVisits: visits, rowsPerSecond: Math.round((areas + householdRows + residents + visits) / seconds) }, 'population seeded');
}



/** The population subgraph's share of the demo city. */
export class PopulationSeeder extends DemoSeeder {
  readonly subgraph = 'population';
  readonly tables = ['area', 'household', 'resident', 'care_visit'];
  protected readonly load = seedPopulation;
}
