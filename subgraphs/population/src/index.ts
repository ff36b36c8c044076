import type { SubgraphDefinition } from '@civic/subgraph-kit';
import { CareVisit } from './care/CareVisit.js';
import { migrations } from './migrations/index.js';
import { Area } from './places/Area.js';
import { Household } from './residents/Household.js';
import { Resident } from './residents/Resident.js';
import { buildPopulationSchema } from './schema.js';

/** Residents, households, the jurisdiction tree and grid workers, special-care categories, care visits. */
export const population: SubgraphDefinition = {
  name: 'population',
  defaultPort: 4001,
  entities: [Resident, Household, Area, CareVisit],
  migrations,
  buildSchema: buildPopulationSchema,
};
export * from './vocabulary.js';
