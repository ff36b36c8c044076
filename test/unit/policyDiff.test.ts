import { diffPolicies, fieldsTouched } from '@civic/access/policies/diff';
import type { PolicyDocument, Rule } from '@civic/governance';

const policeReadId: Rule = { field: 'Resident.idNumber', departments: ['police', 'civil'], effect: 'allow' };
const fireMasksPhone: Rule = { field: 'Resident.phone', departments: ['fire'], effect: 'mask', mask: 'phone' };
const communityCare: Rule = { field: 'Resident.careCategories', departments: ['community'], effect: 'allow', scope: 'jurisdiction' };
const policy = (version: number, rules: Rule[]): PolicyDocument => ({ version, rules });

describe('the difference between two policy versions', () => {
  it('is empty between a policy and itself', () => {
    const rules = [policeReadId, fireMasksPhone];
    expect(diffPolicies(policy(1, rules), policy(2, rules))).toEqual({ added: [], removed: [], unchanged: 2 });
  });

  it('lists rules only in the new version as added and rules only in the old one as removed', () => {
    const diff = diffPolicies(policy(1, [policeReadId, fireMasksPhone]), policy(2, [policeReadId, communityCare]));
    expect(diff).toEqual({ added: [communityCare], removed: [fireMasksPhone], unchanged: 1 });
    expect(fieldsTouched(diff)).toEqual(['Resident.careCategories', 'Resident.phone']);
  });

  it('sees a changed effect as one rule removed and one added', () => {
    const denied: Rule = { ...fireMasksPhone, effect: 'deny', mask: undefined };
    const diff = diffPolicies(policy(1, [fireMasksPhone]), policy(2, [denied]));
    expect(diff).toEqual({ added: [denied], removed: [fireMasksPhone], unchanged: 0 });
    expect(fieldsTouched(diff)).toEqual(['Resident.phone']);
  });

  it('ignores rule order, department order, key order and spelled-out defaults', () => {
    const reordered: Rule = { effect: 'allow', departments: ['civil', 'police'], field: 'Resident.idNumber', scope: 'everywhere', requirePurpose: false };
    expect(diffPolicies(policy(1, [policeReadId, fireMasksPhone]), policy(2, [fireMasksPhone, reordered]))).toEqual({ added: [], removed: [], unchanged: 2 });
  });

  it('counts a duplicated rule once per copy', () => {
    const diff = diffPolicies(policy(1, [policeReadId]), policy(2, [policeReadId, policeReadId]));
    expect(diff).toEqual({ added: [policeReadId], removed: [], unchanged: 1 });
  });
});
