import { entityReference } from '@civic/subgraph-kit';

/** The buildings subgraph owns Building; this subgraph adds who lives there. */
export const BuildingRef = entityReference('Building');
export type BuildingRef = InstanceType<typeof BuildingRef>;
