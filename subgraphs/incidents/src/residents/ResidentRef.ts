import { entityReference } from '@civic/subgraph-kit';

/** The population subgraph owns Resident; this subgraph adds the incidents a resident reported or is in. */
export const ResidentRef = entityReference('Resident');
export type ResidentRef = InstanceType<typeof ResidentRef>;
