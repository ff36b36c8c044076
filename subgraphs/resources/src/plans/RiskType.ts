import { RISK_TYPES, graphqlEnum } from '@civic/subgraph-kit';

export const RiskType = graphqlEnum(RISK_TYPES, 'RiskType', 'The six risks grassroots safety work is organised around.');
