import { Random, advanceIdSequence, bulkInsert, mapIterable, range, tableHasRows, type DemoCity, type EntityManager, type Logger } from '@civic/shared';
import { CareVisit } from './care/CareVisit.js';
import { Area } from './places/Area.js';
import { Household } from './residents/Household.js';
import { Resident } from './residents/Resident.js';

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
        visitedAt: new Date(Date.UTC(2026, 9, 31) - random.int(0, 180) * 86_400_000),
        visitor: random.pick(VISITORS),
        notes: random.pick(['Doing well', 'Needs help with groceries', 'Medication checked', 'Home safety check done']),
      };
    }
  }
}

export async function seedPopulation(em: EntityManager, city: DemoCity, logger: Logger): Promise<void> {
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

export const populationHasData = (em: EntityManager) => tableHasRows(em, 'area');

