import type { SubgraphDefinition } from '@civic/subgraph-kit';
import { Building } from './buildings/Building.js';
import { Hazard } from './hazards/Hazard.js';
import { Inspection } from './inspections/Inspection.js';
import { migrations } from './migrations/index.js';
import { buildBuildingsSchema } from './schema.js';

/** Buildings, their inspections, hidden hazards and rectification, and fire-safety key places. */
export const buildings: SubgraphDefinition = {
  name: 'buildings',
  defaultPort: 4002,
  entities: [Building, Hazard, Inspection],
  migrations,
  buildSchema: buildBuildingsSchema,
};
export * from './vocabulary.js';
