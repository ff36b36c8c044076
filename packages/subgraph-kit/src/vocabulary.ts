/**
 * The words more than one department's subgraph uses: risk types and severities appear on incidents,
 * hazards and emergency plans alike. Composition checks that every subgraph exposes them identically.
 * Words one subgraph owns live in that subgraph's own vocabulary.ts.
 */
export const RISK_TYPES = [
  'FIRE_HAZARD',
  'BUILDING_SAFETY',
  'NATURAL_DISASTER',
  'SPECIAL_GROUP',
  'PETITION_DISPUTE',
  'ECONOMIC_CROWD',
] as const;
export type RiskType = (typeof RISK_TYPES)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
