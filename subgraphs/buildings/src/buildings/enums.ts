import { BUILDING_STRUCTURES, BUILDING_USES } from '../vocabulary.js';
import { graphqlEnum } from '@civic/subgraph-kit';

export const BuildingUse = graphqlEnum(BUILDING_USES, 'BuildingUse', 'What a building is used for.');
export const BuildingStructure = graphqlEnum(BUILDING_STRUCTURES, 'BuildingStructure', 'How a building is built.');
