/** The words the resources subgraph owns; it exposes them as GraphQL enums, and the demo city draws from the same lists. */
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
