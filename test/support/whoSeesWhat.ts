import type { Department, Identity } from '@civic/runtime';

/**
 * What each department sees of each classified field, written by hand from the domain brief
 * (shared/design/domain.md) and the reasons in schema/policy.yaml, not from the engine:
 *   allow  in full, anywhere          mask   masked, anywhere          deny   never
 *   scoped in full inside the caller's jurisdiction, never outside
 *   scoped-mask  masked inside the caller's jurisdiction, never outside
 * Columns: police fire emergency civil housing petition health governance community.
 */
export type Expected = 'allow' | 'mask' | 'deny' | 'scoped' | 'scoped-mask';
export const TABLE: Record<string, Expected[]> = {
  //                                   police    fire      emergency civil     housing   petition  health    governance community
  'Resident.idNumber':                ['allow', 'deny',   'deny',   'allow',  'deny',   'deny',   'deny',   'deny',   'scoped-mask'],
  'Resident.phone':                   ['allow', 'mask',   'mask',   'allow',  'mask',   'mask',   'allow',  'allow',  'scoped'],
  'Resident.birthDate':               ['allow', 'mask',   'mask',   'allow',  'mask',   'mask',   'allow',  'allow',  'scoped'],
  'Resident.careCategories':          ['deny',  'deny',   'deny',   'allow',  'deny',   'deny',   'allow',  'deny',   'scoped'],
  'Resident.needsEvacuationAssistance': ['deny', 'allow', 'allow',  'allow',  'deny',   'deny',   'allow',  'deny',   'scoped'],
  'Resident.keyPersonnelCategory':    ['allow', 'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny',   'deny'],
  'Resident.careVisits':              ['deny',  'deny',   'deny',   'allow',  'deny',   'deny',   'allow',  'deny',   'scoped'],
  'CareVisit.notes':                  ['deny',  'deny',   'deny',   'allow',  'deny',   'deny',   'allow',  'deny',   'scoped'],
  'Building.managerPhone':            ['allow', 'allow',  'allow',  'mask',   'allow',  'mask',   'mask',   'allow',  'scoped'],
  'Inspection.notes':                 ['deny',  'allow',  'allow',  'deny',   'allow',  'deny',   'deny',   'allow',  'allow'],
  'Depot.managerPhone':               ['mask',  'allow',  'allow',  'mask',   'mask',   'mask',   'mask',   'allow',  'allow'],
  'RescueTeam.leaderPhone':           ['allow', 'allow',  'allow',  'mask',   'mask',   'mask',   'mask',   'allow',  'allow'],
  'DutyRoster.phone':                 ['mask',  'mask',   'allow',  'mask',   'mask',   'mask',   'mask',   'allow',  'mask'],
};
const COLUMNS: Department[] = ['police', 'fire', 'emergency', 'civil', 'housing', 'petition', 'health', 'governance', 'community'];

/** The effect the table promises an officer of `identity`'s department for a record at `gridCode`. */
export function expectedEffect(field: string, identity: Identity, gridCode: string): 'allow' | 'mask' | 'deny' | undefined {
  const row = TABLE[field];
  if (!row || !identity.roles.includes('officer')) return undefined;
  const expected = row[COLUMNS.indexOf(identity.department)]!;
  const inside = Boolean(identity.jurisdiction) && gridCode.startsWith(identity.jurisdiction!);
  if (expected === 'scoped') return inside ? 'allow' : 'deny';
  if (expected === 'scoped-mask') return inside ? 'mask' : 'deny';
  return expected;
}
