/** The words the buildings subgraph owns; it exposes them as GraphQL enums, and the demo city draws from the same lists. */
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
