import { accessMatrix, catalogFromSupergraph, classifiedFields, loadPolicyFile, matrixChanges, PolicyEngine, type PolicyDocument } from '@civic/governance';
import { DEPARTMENTS } from '@civic/runtime';
import { TABLE } from '../support/whoSeesWhat';

/**
 * The rules preview's "what each department would then see": the cells a draft changes, with a
 * made-up value as each department would read it. Expectations come from the hand-written table
 * (test/support/whoSeesWhat.ts) and the masking styles' documented formats, not from the engine.
 */
const catalog = catalogFromSupergraph('schema/supergraph.graphql');
const inForce = loadPolicyFile('schema/policy.yaml', catalog);
const question = { departments: DEPARTMENTS, role: 'officer' as const, jurisdiction: '330101001001', outsideGridCode: '330102001001001', purpose: 'emergency-response' };
const matrixOf = (document: PolicyDocument) => accessMatrix(new PolicyEngine(document, classifiedFields(catalog), [], 2), catalog, question);
const before = matrixOf(inForce.document);

/** The policy in force with the phone's rules replaced by one: the police alone, in full. */
const policeOnlyPhones: PolicyDocument = {
  ...inForce.document,
  rules: [...inForce.document.rules.filter((rule) => rule.field !== 'Resident.phone'), { field: 'Resident.phone', departments: ['police'], effect: 'allow', reason: 'test' }],
};

describe('what a draft changes for each department', () => {
  it('finds nothing when the draft is the policy in force', () => {
    expect(matrixChanges(before, matrixOf(inForce.document))).toEqual([]);
  });

  it('lists exactly the departments that would see the phone differently, with made-up values', () => {
    const changes = matrixChanges(before, matrixOf(policeOnlyPhones));
    const expected = DEPARTMENTS.filter((department, i) => department !== 'police' && TABLE['Resident.phone']![i] !== 'deny');
    expect(changes.map((change) => change.department).sort()).toEqual([...expected].sort());
    expect(new Set(changes.map((change) => change.field))).toEqual(new Set(['Resident.phone']));
    const fire = changes.find((change) => change.department === 'fire')!;
    // The phone style keeps the first 3 and last 4 digits of its made-up number; afterwards, refused.
    expect(fire.exampleBefore).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(fire.exampleAfter).toBeNull();
    expect(fire.after.state).toBe('deny');
    const civil = changes.find((change) => change.department === 'civil')!;
    expect(civil.exampleBefore).toMatch(/^\d{11}$/);
  });
});
