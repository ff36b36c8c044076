import { advanceIdSequence, bulkInsert, flatMapIterable, mapIterable, range } from '../bulk.js';
import { type DemoCity } from '../demoCity.js';
import { type EntityManager, type Logger } from '@civic/runtime';
import { DemoSeeder } from '../seeding.js';
import { Building } from '@civic/buildings/buildings/Building';
import { Hazard } from '@civic/buildings/hazards/Hazard';
import { Inspection } from '@civic/buildings/inspections/Inspection';

/** Closing a hazard requires a note, so seeded closed hazards carry one too. */
const SEEDED_RECTIFICATION_NOTE = 'Rectified; confirmed on follow-up inspection';

const cityBuildings = (city: DemoCity) => mapIterable(range(city.buildingCount), (i) => city.buildingAt(i));

async function seedBuildings(em: EntityManager, city: DemoCity, logger: Logger): Promise<void> {
  const started = Date.now();
  const buildingRows = await bulkInsert(em, Building, cityBuildings(city));
  const hazardRows = await bulkInsert(
    em,
    Hazard,
    flatMapIterable(cityBuildings(city), (building) =>
      city.hazardsOf(building).map((hazard) => ({
        ...hazard,
        rectificationNote: hazard.status === 'CLOSED' ? SEEDED_RECTIFICATION_NOTE : null,
      })),
    ),
  );
  const inspectionRows = await bulkInsert(em, Inspection, flatMapIterable(cityBuildings(city), (building) => city.inspectionsOf(building)));
  for (const table of ['building', 'hazard', 'inspection']) await advanceIdSequence(em, table);
  const seconds = (Date.now() - started) / 1000;
  logger.info(
    {
      buildings: buildingRows,
      hazards: hazardRows,
      inspections: inspectionRows,
      rowsPerSecond: Math.round((buildingRows + hazardRows + inspectionRows) / seconds),
    },
    'buildings seeded',
  );
}


/** The buildings subgraph's share of the demo city. */
export class BuildingsSeeder extends DemoSeeder {
  readonly subgraph = 'buildings';
  readonly tables = ['building', 'hazard', 'inspection'];
  protected readonly load = seedBuildings;
}
