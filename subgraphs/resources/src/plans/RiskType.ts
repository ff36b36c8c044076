import { RISK_TYPES, graphqlEnum } from '@civic/shared';

export const RiskType = graphqlEnum(RISK_TYPES, 'RiskType', 'The six risks grassroots safety work is organised around.');
