import { entityReference } from '@civic/subgraph-kit';

/** The buildings subgraph owns Building; this subgraph adds the incidents that happened there. */
export const BuildingRef = entityReference('Building');
export type BuildingRef = InstanceType<typeof BuildingRef>;
