import { entityReference } from '@civic/subgraph-kit';

/** The incidents subgraph owns Incident; this subgraph adds what was dispatched to it. */
export const IncidentRef = entityReference('Incident');
export type IncidentRef = InstanceType<typeof IncidentRef>;
