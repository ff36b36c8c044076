import type { SubgraphDefinition } from '@civic/subgraph-kit';
import { Depot } from './depots/Depot.js';
import { stockExpirySweep } from './depots/expirySweep.js';
import { StockItem } from './depots/StockItem.js';
import { Dispatch } from './dispatches/Dispatch.js';
import { DutyRoster } from './duty/DutyRoster.js';
import { migrations } from './migrations/index.js';
import { EmergencyPlan } from './plans/EmergencyPlan.js';
import { buildResourcesSchema } from './schema.js';
import { Shelter } from './shelters/Shelter.js';
import { RescueTeam } from './teams/RescueTeam.js';

/** Reserve depots and stock, rescue teams, shelters, emergency plans, duty rosters, and dispatches to incidents. */
export const resources: SubgraphDefinition = {
  name: 'resources',
  defaultPort: 4004,
  entities: [Depot, StockItem, RescueTeam, Shelter, EmergencyPlan, DutyRoster, Dispatch],
  migrations,
  buildSchema: buildResourcesSchema,
  liveSweeps: (env) => [stockExpirySweep(env)],
};
export * from './vocabulary.js';
