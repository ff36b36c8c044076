import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFromSupergraph, governedActions, loadPolicyFile, PolicyError, validatePolicy } from '@civic/governance';
import { DEPARTMENTS, type Department, type Identity, type Role } from '@civic/runtime';

const catalog = catalogFromSupergraph('schema/supergraph.graphql');
const policy = loadPolicyFile('schema/policy.yaml', catalog);
const STREET = '330101001';
const inside = { gridCode: `${STREET}001001` };
const outside = { gridCode: '330102001001001' };

/**
 * Who may run which mutation, written by hand from the domain brief (shared/design/domain.md) and the
 * reasons in schema/policy.yaml, not from the engine: the fire service and emergency management dispatch
 * rescue teams; grid workers record hazards and care visits in their own grids; inspectors record
 * hazards; the petitions office handles petitions, the police and fire incidents of their kind.
 *   run     may run it anywhere         -     may not
 *   scoped  only on records inside the caller's jurisdiction
 * Columns: police fire emergency civil housing petition health governance community (officers; the
 * community's with a jurisdiction, as its users are bounded to one).
 */
type Expected = 'run' | '-' | 'scoped';
const OFFICERS: Record<string, Expected[]> = {
  //                       police   fire    emergency civil  housing petition health governance community
  'Mutation.dispatchTeam': ['-', 'run', 'run', '-', '-', '-', '-', '-', '-'],
  'Mutation.dispatchStock': ['-', '-', 'run', '-', '-', '-', '-', '-', '-'],
  'Mutation.recordHazard': ['-', 'run', '-', '-', 'run', '-', '-', '-', '-'],
  'Mutation.recordInspection': ['-', 'run', '-', '-', 'run', '-', '-', '-', '-'],
  'Mutation.recordCareVisit': ['-', '-', '-', 'run', '-', '-', 'run', '-', 'scoped'],
  'Mutation.registerResident': ['run', '-', '-', 'run', '-', '-', '-', '-', 'scoped'],
  'Mutation.reportIncident': ['run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run'],
};

/** transitionIncident depends on the incident's kind: who handles each. */
const HANDLERS: Record<string, Department[]> = {
  FIRE_HAZARD: ['fire', 'governance'],
  ECONOMIC_CROWD: ['police', 'governance'],
  NATURAL_DISASTER: ['emergency', 'governance'],
  BUILDING_SAFETY: ['housing', 'governance'],
  SPECIAL_GROUP: ['civil', 'governance'],
  PETITION_DISPUTE: ['petition', 'governance'],
};

const person = (department: Department, role: Role = 'officer', jurisdiction?: string): Identity => ({
  subject: 't',
  department,
  roles: [role],
  ...(jurisdiction ? { jurisdiction } : {}),
});
const officer = (department: Department) => person(department, 'officer', department === 'community' ? STREET : undefined);
const runs = (identity: Identity, action: string, record: Record<string, unknown>) => policy.decide(identity, action, record).effect === 'allow';

function expected(cell: Expected, where: 'inside' | 'outside'): boolean {
  return cell === 'run' || (cell === 'scoped' && where === 'inside');
}

describe('who may do what, by hand from the domain rules', () => {
  it.each(Object.keys(OFFICERS))('%s', (action) => {
    const actual = DEPARTMENTS.map((d) => [d, runs(officer(d), action, inside), runs(officer(d), action, outside)]);
    const wanted = DEPARTMENTS.map((d, i) => [d, expected(OFFICERS[action]![i]!, 'inside'), expected(OFFICERS[action]![i]!, 'outside')]);
    expect(actual).toEqual(wanted);
  });

  it.each(Object.keys(HANDLERS))('an incident of kind %s is moved along by its handlers and the duty desks only', (category) => {
    const incident = { ...inside, category, status: 'REPORTED' };
    expect(DEPARTMENTS.filter((d) => runs(officer(d), 'Mutation.transitionIncident', incident))).toEqual(HANDLERS[category]);
    expect(DEPARTMENTS.filter((d) => runs(person(d, 'duty'), 'Mutation.transitionIncident', incident))).toEqual(
      expect.arrayContaining(['emergency', 'governance']),
    );
  });

  it('lets a petition officer neither reject a fire incident, dispatch a team, record a hazard nor a care visit', () => {
    const petition = officer('petition');
    expect(runs(petition, 'Mutation.transitionIncident', { ...inside, category: 'FIRE_HAZARD' })).toBe(false);
    for (const action of ['Mutation.dispatchTeam', 'Mutation.recordHazard', 'Mutation.recordCareVisit']) expect(runs(petition, action, inside)).toBe(false);
  });

  it('lets grid workers record hazards and care visits in their own grids only', () => {
    const gridWorker = person('community', 'grid-worker', STREET);
    for (const action of ['Mutation.recordHazard', 'Mutation.recordCareVisit', 'Mutation.updateHazardStatus']) {
      expect({ action, inside: runs(gridWorker, action, inside), outside: runs(gridWorker, action, outside) }).toEqual({ action, inside: true, outside: false });
    }
    expect(policy.decide(gridWorker, 'Mutation.recordCareVisit', outside).basis).toBe('out-of-scope');
    expect(runs(person('community', 'grid-worker'), 'Mutation.recordCareVisit', inside)).toBe(false);
    expect(runs(gridWorker, 'Mutation.dispatchTeam', inside)).toBe(false);
  });

  it('gives data officers no action: they keep the rules, they do not run operations', () => {
    for (const action of governedActions(catalog)) {
      for (const d of DEPARTMENTS) expect({ action, d, runs: runs(person(d, 'data-officer'), action, inside) }).toEqual({ action, d, runs: false });
    }
  });

  it('refuses by default, naming the action, when no rule names the department', () => {
    expect(policy.decide(officer('petition'), 'Mutation.dispatchTeam', inside)).toEqual({
      effect: 'deny',
      basis: 'default',
      reason: 'no rule lets your department run Mutation.dispatchTeam',
    });
  });

  it('lets someone run every governed action of the composed schema', () => {
    const actions = governedActions(catalog);
    expect(actions).toEqual(expect.arrayContaining(['Mutation.dispatchTeam', 'Mutation.recordCareVisit', 'Mutation.transitionIncident']));
    for (const action of actions) expect({ action, allowed: policy.document.rules.some((r) => r.field === action && r.effect === 'allow') }).toEqual({ action, allowed: true });
  });
});

function sourcesOf(folder: string): string {
  return readdirSync(folder)
    .map((name) => join(folder, name))
    .map((path) => (statSync(path).isDirectory() ? sourcesOf(path) : path.endsWith('.ts') ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}

describe('enforcement of actions in the subgraphs', () => {
  it('has every governed mutation authorize the record it acts on before writing', () => {
    for (const action of governedActions(catalog)) {
      const subgraph = catalog.get('Mutation')!.fields.get(action.split('.')[1]!)!.subgraph!;
      // authorizeAction(ctx, 'Mutation.x', record), or a local helper that calls it: authorizeOnDispatch(em, ctx, 'Mutation.x', id).
      const calls = new RegExp(`authorize\\w*\\([^)]*'${action.replace('.', '\\.')}'`).test(sourcesOf(join('subgraphs', subgraph, 'src')));
      expect({ action, subgraph, authorizes: calls }).toEqual({ action, subgraph, authorizes: true });
    }
  });
});

describe('validating rules for actions', () => {
  const problemsOf = (rule: Record<string, unknown>) => {
    try {
      // Every classified field needs its owner in any policy: the demo's owners, so that only the rule is judged.
      validatePolicy({ version: 1, owners: policy.document.owners, rules: [rule] }, catalog);
    } catch (error) {
      if (error instanceof PolicyError) return error.problems;
      throw error;
    }
    return [];
  };

  it('accepts a rule scoped to the jurisdiction of the record acted on, with a condition on its values', () => {
    expect(problemsOf({ field: 'Mutation.transitionIncident', departments: ['fire'], effect: 'allow', scope: 'jurisdiction', when: { category: { in: ['FIRE_HAZARD'] } } })).toEqual([]);
  });

  it('refuses a mask rule for an action, naming the rule', () => {
    expect(problemsOf({ field: 'Mutation.dispatchTeam', departments: ['fire'], effect: 'mask', mask: 'redacted' })).toEqual(
      expect.arrayContaining([{ path: 'rules[0].effect', message: expect.stringMatching(/Mutation\.dispatchTeam is an action.*mask/) }]),
    );
  });

  it('refuses rules for the access service\'s own mutations, which its code checks', () => {
    expect(problemsOf({ field: 'Mutation.publishPolicy', departments: ['*'], effect: 'deny' })).toEqual([
      { path: 'rules[0].field', message: expect.stringMatching(/access service itself/) },
    ]);
  });

  it('refuses an unknown mutation and a condition on a value the record acted on does not have', () => {
    expect(problemsOf({ field: 'Mutation.launchRocket', departments: ['fire'], effect: 'allow' })).toEqual([
      { path: 'rules[0].field', message: expect.stringMatching(/Mutation has no field launchRocket/) },
    ]);
    expect(problemsOf({ field: 'Mutation.dispatchTeam', departments: ['fire'], effect: 'allow', when: { category: { in: ['FIRE_HAZARD'] } } })).toEqual([
      { path: 'rules[0].when.category', message: 'the record has no field category' },
    ]);
  });
});
