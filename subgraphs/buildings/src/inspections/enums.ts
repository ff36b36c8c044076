import { INSPECTION_RESULTS, graphqlEnum } from '@civic/shared';

export const InspectionResult = graphqlEnum(INSPECTION_RESULTS, 'InspectionResult', 'The outcome of a building inspection.');
