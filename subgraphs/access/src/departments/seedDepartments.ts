import type { Department as DepartmentCode } from '@civic/runtime';

/** The seed set of departments; which subgraphs each owns is data an administrator can change. */
export const DEPARTMENT_SEED: { code: DepartmentCode; name: string; ownedSubgraphs: string[] }[] = [
  { code: 'police', name: 'Public Security Bureau', ownedSubgraphs: ['population'] },
  { code: 'civil', name: 'Civil Affairs Bureau', ownedSubgraphs: ['population'] },
  { code: 'fire', name: 'Fire and Rescue Service', ownedSubgraphs: ['buildings'] },
  { code: 'housing', name: 'Housing and Construction Bureau', ownedSubgraphs: ['buildings'] },
  { code: 'emergency', name: 'Emergency Management Bureau', ownedSubgraphs: ['resources'] },
  { code: 'petition', name: 'Petitions Office', ownedSubgraphs: ['incidents'] },
  { code: 'governance', name: 'Comprehensive Governance Centre', ownedSubgraphs: ['incidents'] },
  { code: 'health', name: 'Health Commission', ownedSubgraphs: [] },
  { code: 'community', name: 'Street and Community Offices', ownedSubgraphs: [] },
];
