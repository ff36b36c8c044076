/**
 * The words the departments share. Each subgraph exposes the ones it owns as GraphQL enums; the demo city
 * draws from the same lists, so seed data and schema never disagree.
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

export const INCIDENT_SOURCES = ['HOTLINE', 'GRID_PATROL', 'POLICE_TRANSFER', 'RESIDENT_REPORT', 'SENSOR'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_STATUSES = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The status workflow: which status may follow which. */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  REPORTED: ['ACCEPTED', 'REJECTED'],
  ACCEPTED: ['DISPATCHED', 'IN_PROGRESS', 'REJECTED'],
  DISPATCHED: ['IN_PROGRESS', 'RESOLVED'],
  IN_PROGRESS: ['RESOLVED'],
  RESOLVED: ['CLOSED', 'IN_PROGRESS'],
  CLOSED: [],
  REJECTED: [],
};

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CARE_CATEGORIES = [
  'ELDERLY_LIVING_ALONE',
  'DISABLED',
  'LEFT_BEHIND_CHILD',
  'LOW_INCOME',
  'CHRONIC_ILLNESS',
] as const;
export type CareCategory = (typeof CARE_CATEGORIES)[number];

/** Care categories that mean a person cannot leave a building unaided: the need-to-know signal for rescuers. */
export const EVACUATION_ASSISTANCE_CATEGORIES: readonly CareCategory[] = [
  'ELDERLY_LIVING_ALONE',
  'DISABLED',
  'LEFT_BEHIND_CHILD',
];

export const KEY_PERSONNEL_CATEGORIES = [
  'COMMUNITY_CORRECTION',
  'DRUG_REHABILITATION',
  'SEVERE_MENTAL_ILLNESS',
  'RELEASED_PRISONER',
] as const;
export type KeyPersonnelCategory = (typeof KEY_PERSONNEL_CATEGORIES)[number];

export const BUILDING_USES = ['RESIDENTIAL', 'SHOP', 'HOSTEL', 'WAREHOUSE', 'OFFICE', 'MIXED', 'SCHOOL', 'MARKET'] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];

export const BUILDING_STRUCTURES = ['BRICK_WOOD', 'BRICK_CONCRETE', 'REINFORCED_CONCRETE', 'STEEL', 'TIMBER'] as const;
export type BuildingStructure = (typeof BUILDING_STRUCTURES)[number];

export const HAZARD_CATEGORIES = [
  'BLOCKED_EXIT',
  'EBIKE_CHARGING',
  'ILLEGAL_ALTERATION',
  'STRUCTURAL_CRACK',
  'FAULTY_WIRING',
  'GAS_LEAK',
  'FLOOD_PRONE',
  'OVERCROWDING',
] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];

export const HAZARD_STATUSES = ['OPEN', 'RECTIFYING', 'CLOSED'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const INSPECTION_RESULTS = ['PASSED', 'HAZARDS_FOUND', 'FAILED'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const TEAM_KINDS = ['FIRE_RESCUE', 'FLOOD_CONTROL', 'MEDICAL', 'VOLUNTEER', 'POLICE_RESPONSE'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const READINESS_LEVELS = ['READY', 'DEPLOYED', 'RESTING', 'UNAVAILABLE'] as const;
export type Readiness = (typeof READINESS_LEVELS)[number];

export const DISPATCH_STATUSES = ['EN_ROUTE', 'ON_SITE', 'RETURNED', 'CANCELLED'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

export const SUPPLY_ITEMS = [
  { item: 'Sandbags', unit: 'bag' },
  { item: 'Life jackets', unit: 'piece' },
  { item: 'Drinking water', unit: 'case' },
  { item: 'Instant food', unit: 'case' },
  { item: 'Blankets', unit: 'piece' },
  { item: 'Tents', unit: 'piece' },
  { item: 'Flashlights', unit: 'piece' },
  { item: 'Fire extinguishers', unit: 'piece' },
  { item: 'First-aid kits', unit: 'kit' },
  { item: 'Water pumps', unit: 'unit' },
] as const;
