import type { SubgraphDefinition } from '@civic/subgraph-kit';
import { Incident } from './incidents/Incident.js';
import { IncidentResident } from './incidents/IncidentResident.js';
import { migrations } from './migrations/index.js';
import { buildIncidentsSchema } from './schema.js';
import { TimelineEntry } from './timeline/TimelineEntry.js';

/** Incidents of every risk type, who reported and is involved in them, their status workflow and timeline. */
export const incidents: SubgraphDefinition = {
  name: 'incidents',
  defaultPort: 4003,
  entities: [Incident, IncidentResident, TimelineEntry],
  migrations,
  buildSchema: buildIncidentsSchema,
};
export * from './vocabulary.js';
