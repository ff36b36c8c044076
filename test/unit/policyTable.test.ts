import { catalogFromSupergraph, loadPolicyFile } from '@civic/governance';
import { DEPARTMENTS, type Department, type Identity } from '@civic/runtime';

/**
 * What each department sees of each classified field, written by hand from the domain brief
 * (shared/design/domain.md) and the reasons in schema/policy.yaml, not from the engine:
 *   allow  in full, anywhere          mask   masked, anywhere          deny   never
 *   scoped in full inside the caller's jurisdiction, never outside
 *   scoped-mask  masked inside the caller's jurisdiction, never outside
 * Columns: police fire emergency civil housing petition health governance community.
 */
type Expected = 'allow' | 'mask' | 'deny' | 'scoped' | 'scoped-mask';
const TABLE: Record<string, Expected[]> = {
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
/**
 * Who may see each field of a petition: its reporter and text the petitions office and the governance
 * centre only (the brief); its parties also the police, for public order (policy.yaml's reason).
 */
const PETITION_READERS: Record<string, Department[]> = {
  'Incident.reporter': ['petition', 'governance'],
  'Incident.description': ['petition', 'governance'],
  'Incident.involvedResidents': ['police', 'petition', 'governance'],
};

const policy = loadPolicyFile('schema/policy.yaml', catalogFromSupergraph('schema/supergraph.graphql'));
const STREET = '330101001';
const inside = { gridCode: `${STREET}001001` };
const outside = { gridCode: '330102001001001' };
const officer = (department: Department): Identity => ({ subject: 't', department, roles: ['officer'], ...(department === 'community' ? { jurisdiction: STREET } : {}) });

function seen(department: Department, field: string, record: Record<string, unknown>): string {
  const decision = policy.decide(officer(department), field, record);
  return decision.effect;
}

function expectedAt(expected: Expected, where: 'inside' | 'outside'): string {
  if (expected === 'scoped') return where === 'inside' ? 'allow' : 'deny';
  if (expected === 'scoped-mask') return where === 'inside' ? 'mask' : 'deny';
  return expected;
}

describe('who sees what, by hand from the domain rules', () => {
  it('has a column for every department', () => {
    expect(DEPARTMENTS).toEqual(['police', 'fire', 'emergency', 'civil', 'housing', 'petition', 'health', 'governance', 'community']);
  });

  it.each(Object.entries(TABLE))('%s', (field, row) => {
    const actual = DEPARTMENTS.map((d) => [d, seen(d, field, inside), seen(d, field, outside)]);
    const wanted = DEPARTMENTS.map((d, i) => [d, expectedAt(row[i]!, 'inside'), expectedAt(row[i]!, 'outside')]);
    expect(actual).toEqual(wanted);
  });

  it.each(Object.keys(PETITION_READERS))('%s of a petition stays with its few readers; of a fire, responders see it', (field) => {
    const petition = { ...inside, category: 'PETITION_DISPUTE' };
    const fireIncident = { ...inside, category: 'FIRE_HAZARD' };
    expect(DEPARTMENTS.filter((d) => seen(d, field, petition) === 'allow')).toEqual(PETITION_READERS[field]);
    for (const responder of ['police', 'fire', 'emergency'] as const) expect(seen(responder, field, fireIncident)).toBe('allow');
  });

  it('shows duty roster phones to anyone on duty', () => {
    for (const d of DEPARTMENTS) expect(policy.decide({ ...officer(d), roles: ['duty'] }, 'DutyRoster.phone', inside).effect).toBe('allow');
  });
});
