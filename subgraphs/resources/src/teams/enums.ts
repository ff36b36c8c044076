import { READINESS_LEVELS, TEAM_KINDS } from '../vocabulary.js';
import { graphqlEnum } from '@civic/subgraph-kit';

export const TeamKind = graphqlEnum(TEAM_KINDS, 'TeamKind', 'What a rescue team is trained and equipped for.');
export const Readiness = graphqlEnum(READINESS_LEVELS, 'Readiness', 'Whether a rescue team can be dispatched now.');
