import { INCIDENT_SOURCES, INCIDENT_STATUSES } from '../vocabulary.js';
import { RISK_TYPES, SEVERITIES, graphqlEnum } from '@civic/subgraph-kit';

export const RiskType = graphqlEnum(RISK_TYPES, 'RiskType', 'One of the six risks grassroots safety work serves.');
export const IncidentSource = graphqlEnum(INCIDENT_SOURCES, 'IncidentSource', 'How an incident came to the platform.');
export const IncidentStatus = graphqlEnum(INCIDENT_STATUSES, 'IncidentStatus', 'Where an incident stands in its workflow.');
export const Severity = graphqlEnum(SEVERITIES, 'Severity', 'How serious a risk is.');
