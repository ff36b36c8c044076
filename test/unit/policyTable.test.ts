import { catalogFromSupergraph, loadPolicyFile } from '@civic/governance';
import { DEPARTMENTS, type Department, type Identity } from '@civic/runtime';
import { expectedEffect, TABLE } from '../support/whoSeesWhat';

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

describe('who sees what, by hand from the domain rules', () => {
  it('has a column for every department', () => {
    expect(DEPARTMENTS).toEqual(['police', 'fire', 'emergency', 'civil', 'housing', 'petition', 'health', 'governance', 'community']);
  });

  it.each(Object.keys(TABLE))('%s', (field) => {
    const actual = DEPARTMENTS.map((d) => [d, seen(d, field, inside), seen(d, field, outside)]);
    const wanted = DEPARTMENTS.map((d) => [d, expectedEffect(field, officer(d), inside.gridCode), expectedEffect(field, officer(d), outside.gridCode)]);
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
