import { HAZARD_CATEGORIES, HAZARD_STATUSES } from '../vocabulary.js';
import { SEVERITIES, graphqlEnum } from '@civic/subgraph-kit';

export const HazardCategory = graphqlEnum(HAZARD_CATEGORIES, 'HazardCategory', 'The kind of hidden hazard found in a building.');
export const HazardStatus = graphqlEnum(
  HAZARD_STATUSES,
  'HazardStatus',
  'Where a hazard is in its rectification: OPEN -> RECTIFYING -> CLOSED, or OPEN -> CLOSED directly.',
);
export const Severity = graphqlEnum(SEVERITIES, 'Severity', 'How dangerous a hazard is.');
