import { INSPECTION_RESULTS } from '../vocabulary.js';
import { graphqlEnum } from '@civic/subgraph-kit';

export const InspectionResult = graphqlEnum(INSPECTION_RESULTS, 'InspectionResult', 'The outcome of a building inspection.');
