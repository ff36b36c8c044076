import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { diffPolicies, ownershipChanges } from '@civic/access/policies/diff';
import { catalogFromSupergraph, classifiedFields, denyNoGrantLifts, isStatablePurpose, ownerOf, PolicyError, validatePolicy, type PolicyDocument } from '@civic/governance';

const catalog = catalogFromSupergraph('schema/supergraph.graphql');
type RawPolicy = { version: number; rules: Record<string, unknown>[]; purposes: Record<string, unknown>[]; owners: Record<string, unknown> };
const demo = (): RawPolicy => parse(readFileSync('schema/policy.yaml', 'utf8')) as RawPolicy;
const problemsOf = (document: unknown) => {
  try {
    validatePolicy(document, catalog);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  return [];
};
const demoDocument = validatePolicy(demo(), catalog);

describe('field ownership in the policy', () => {
  it('gives key-personnel categories to the police and care categories to civil affairs, each field one owner', () => {
    expect(ownerOf(demoDocument, 'Resident.keyPersonnelCategory')).toBe('police');
    expect(ownerOf(demoDocument, 'Resident.idNumber')).toBe('police');
    expect(ownerOf(demoDocument, 'Resident.careCategories')).toBe('civil');
    expect(ownerOf(demoDocument, 'CareVisit.notes')).toBe('civil');
    for (const field of classifiedFields(catalog)) expect({ field, owned: ownerOf(demoDocument, field) !== undefined }).toEqual({ field, owned: true });
  });

  it.each([
    ['an unknown department', { 'Resident.keyPersonnelCategory': 'secret-service' }, 'owners.Resident.keyPersonnelCategory', /unknown department "secret-service"/],
    ['an unknown type', { Residnt: 'police' }, 'owners.Residnt', /no type Residnt.*did you mean Resident/],
    ['an unknown field', { 'Resident.shoeSize': 'police' }, 'owners.Resident.shoeSize', /Resident has no field shoeSize/],
  ])('refuses %s with its path', (_what, entry, path, message) => {
    const policy = demo();
    expect(problemsOf({ ...policy, owners: { ...policy.owners, ...entry } })).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('refuses a classified field left without an owner, naming it', () => {
    const { Grid: _grid, ...owners } = demo().owners;
    expect(problemsOf({ ...demo(), owners })).toEqual([{ path: 'owners', message: expect.stringContaining('Grid.workerPhone is classified but has no owner') }]);
    expect(problemsOf({ ...demo(), owners: undefined }).map((p) => p.path)).toEqual(['owners']);
  });

  it('tolerates Mutation entries: named with a known department, or not named at all', () => {
    const policy = demo();
    expect(problemsOf({ ...policy, owners: { ...policy.owners, 'Mutation.dispatchTeam': 'fire' } })).toEqual([]);
    expect(problemsOf({ ...policy, owners: { ...policy.owners, 'Mutation.dispatchTeam': 'brigade' } })).toEqual([{ path: 'owners.Mutation.dispatchTeam', message: expect.stringMatching(/unknown department/) }]);
  });
});

describe('the purpose catalogue in the policy', () => {
  it('holds the demo purposes, and only active ones may be stated', () => {
    expect(isStatablePurpose(demoDocument, 'welfare-check')).toBe(true);
    expect(isStatablePurpose(demoDocument, 'lunch')).toBe(false);
    const retired: PolicyDocument = { ...demoDocument, purposes: [{ code: 'welfare-check', description: 'x', retired: true }] };
    expect(isStatablePurpose(retired, 'welfare-check')).toBe(false);
  });

  it.each([
    ['a code that is not lower-case words joined by hyphens', { code: 'Lunch Break', description: 'x' }, '.code', /lower-case words/],
    ['a code already in the catalogue', { code: 'welfare-check', description: 'again' }, '.code', /already in the catalogue/],
    ['a purpose without a description', { code: 'school-drill' }, '.description', /must say what/],
    ['an unknown setting', { code: 'school-drill', description: 'x', owner: 'fire' }, '.owner', /not a purpose setting/],
    ['a retired flag that is not true or false', { code: 'school-drill', description: 'x', retired: 'yes' }, '.retired', /true or false/],
  ])('refuses %s with its path', (_what, purpose, key, message) => {
    const policy = demo();
    const path = `purposes[${policy.purposes.length}]${key}`;
    expect(problemsOf({ ...policy, purposes: [...policy.purposes, purpose] })).toEqual([{ path, message: expect.stringMatching(message) }]);
  });
});

describe('grantsMayLift on deny rules', () => {
  const last = `rules[${demo().rules.length}]`;
  it.each([
    [{ field: 'Resident.phone', departments: ['fire'], effect: 'allow', grantsMayLift: true }, /only a deny rule/],
    [{ field: 'Resident.phone', departments: ['fire'], effect: 'deny', grantsMayLift: 'yes' }, /true or false/],
  ])('refuses %j at the rule\'s path', (rule, message) => {
    const policy = demo();
    expect(problemsOf({ ...policy, rules: [...policy.rules, rule] })).toEqual([{ path: `${last}.grantsMayLift`, message: expect.stringMatching(message) }]);
  });

  it('names the deny that no grant may lift: civil affairs and key-personnel categories', () => {
    expect(denyNoGrantLifts(demoDocument, 'Resident.keyPersonnelCategory', 'civil')).toMatchObject({ effect: 'deny', reason: 'Police only.' });
    expect(denyNoGrantLifts(demoDocument, 'Resident.keyPersonnelCategory', 'police')).toBeUndefined();
    expect(denyNoGrantLifts(demoDocument, 'Resident.needsEvacuationAssistance', 'police')).toBeUndefined();
  });

  it('counts as a change of the rule when it is turned on or off', () => {
    const rule = { field: 'Resident.keyPersonnelCategory', departments: ['civil' as const], effect: 'deny' as const };
    const diff = diffPolicies({ version: 1, rules: [rule] }, { version: 2, rules: [{ ...rule, grantsMayLift: true }] });
    expect(diff).toMatchObject({ added: [{ grantsMayLift: true }], removed: [rule], unchanged: 0 });
    expect(diffPolicies({ version: 1, rules: [rule] }, { version: 2, rules: [{ ...rule, grantsMayLift: false }] }).unchanged).toBe(1);
  });
});

describe('ownership changes between versions', () => {
  const classified = classifiedFields(catalog);
  it('lists the fields whose owner moves, through a field entry or through its type', () => {
    const moved = { ...demoDocument, owners: { ...demoDocument.owners, 'Resident.keyPersonnelCategory': 'civil' as const } };
    expect(ownershipChanges(demoDocument, moved, classified)).toEqual(['Resident.keyPersonnelCategory']);
    const typeMoved = { ...demoDocument, owners: { ...demoDocument.owners, Grid: 'community' as const } };
    expect(ownershipChanges(demoDocument, typeMoved, classified)).toEqual(['Grid.workerPhone']);
    expect(ownershipChanges(demoDocument, demoDocument, classified)).toEqual([]);
  });
});
