/** The words the incidents subgraph owns; it exposes them as GraphQL enums, and the demo city draws from the same lists. */
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
