import { PolicyEngine, type Grant, type PolicyDocument, type Rule } from '@civic/governance';
import type { Department, Identity } from '@civic/runtime';

/** A policy that lets nobody read ID numbers and masks phones for the fire service: only a grant opens them. */
const document: PolicyDocument = {
  version: 1,
  rules: [{ field: 'Resident.phone', departments: ['fire'], effect: 'mask', mask: 'phone' }],
};
const classified = new Set(['Resident.idNumber', 'Resident.phone', 'Resident.careCategories']);
const grant: Grant = {
  id: 7,
  department: 'fire',
  fields: ['Resident.idNumber', 'Resident.phone'],
  scope: '330101',
  purpose: 'evacuation-planning',
  validFrom: '2026-11-01T00:00:00.000Z',
  validUntil: '2026-11-02T00:00:00.000Z',
};
const engine = new PolicyEngine(document, classified, [grant]);

const insideScope = { gridCode: '330101001001001' };
const outsideScope = { gridCode: '330102001001001' };
const during = Date.parse('2026-11-01T12:00:00.000Z');
const caller = (department: Department, purpose?: string, subject = 't'): Identity => ({ subject, department, roles: ['officer'], ...(purpose ? { purpose } : {}) });
const fireWithPurpose = caller('fire', grant.purpose);

describe('a data-sharing grant', () => {
  it('lets its department read its fields of records inside its scope, with a stated purpose, during its window, naming itself', () => {
    expect(engine.decide(fireWithPurpose, 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'allow', grantId: 7 });
  });

  it('turns a mask into a full read', () => {
    expect(engine.decide(caller('fire'), 'Resident.phone', insideScope, during)).toMatchObject({ effect: 'mask' });
    expect(engine.decide(fireWithPurpose, 'Resident.phone', insideScope, during)).toMatchObject({ effect: 'allow', grantId: 7 });
  });

  it('does nothing for another department', () => {
    for (const department of ['police', 'emergency', 'community'] as const) {
      const decision = engine.decide(caller(department, grant.purpose), 'Resident.idNumber', insideScope, during);
      expect({ department, effect: decision.effect, grantId: decision.grantId }).toEqual({ department, effect: 'deny', grantId: undefined });
    }
  });

  it('does nothing when the caller states no purpose, or another purpose than the grant was given for', () => {
    for (const identity of [caller('fire'), caller('fire', 'welfare-check'), caller('fire', 'Evacuation-Planning'), caller('fire', 'evacuation-planning ')]) {
      const decision = engine.decide(identity, 'Resident.idNumber', insideScope, during);
      expect({ purpose: identity.purpose, effect: decision.effect, grantId: decision.grantId }).toEqual({ purpose: identity.purpose, effect: 'deny', grantId: undefined });
    }
  });

  it('never overrides a rule that explicitly denies the field, unless the rule says grants may lift it', () => {
    const denying = (rule: Partial<Rule>) => new PolicyEngine({ version: 2, rules: [{ field: 'Resident.idNumber', departments: ['fire'], effect: 'deny', ...rule }] }, classified, [grant]);
    expect(denying({}).decide(fireWithPurpose, 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'deny', basis: 'rule', ruleIndex: 0 });
    expect(denying({ grantsMayLift: false }).decide(fireWithPurpose, 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'deny', basis: 'rule' });
    expect(denying({ grantsMayLift: true }).decide(fireWithPurpose, 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'allow', basis: 'grant', grantId: 7 });
  });

  it('leaves a liftable deny in place for callers the grant does not serve', () => {
    const liftable = new PolicyEngine({ version: 2, rules: [{ field: 'Resident.idNumber', departments: ['fire'], effect: 'deny', grantsMayLift: true }] }, classified, [grant]);
    expect(liftable.decide(caller('fire', 'welfare-check'), 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'deny', basis: 'rule', ruleIndex: 0 });
    expect(liftable.decide(fireWithPurpose, 'Resident.idNumber', outsideScope, during)).toMatchObject({ effect: 'deny', basis: 'rule' });
  });

  it('is held back by any deny that applies and does not let grants lift it, whatever the order of the rules', () => {
    const liftableDeny: Rule = { field: 'Resident.idNumber', departments: ['fire'], effect: 'deny', grantsMayLift: true };
    const firmDeny: Rule = { field: 'Resident.idNumber', departments: ['*'], effect: 'deny' };
    for (const rules of [[liftableDeny, firmDeny], [firmDeny, liftableDeny]]) {
      const engine = new PolicyEngine({ version: 2, rules }, classified, [grant]);
      expect(engine.decide(fireWithPurpose, 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'deny', ruleIndex: rules.indexOf(firmDeny) });
    }
  });

  it('named users: holds for them alone, not for the rest of the department', () => {
    const forTwo = new PolicyEngine(document, classified, [{ ...grant, id: 9, subjects: ['fire-officer-li', 'fire-officer-wang'] }]);
    expect(forTwo.decide(caller('fire', grant.purpose, 'fire-officer-li'), 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'allow', grantId: 9 });
    expect(forTwo.decide(caller('fire', grant.purpose, 'fire-officer-wang'), 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'allow', grantId: 9 });
    expect(forTwo.decide(caller('fire', grant.purpose, 'fire-officer-zhao'), 'Resident.idNumber', insideScope, during).effect).toBe('deny');
    expect(forTwo.decide(caller('fire', 'welfare-check', 'fire-officer-li'), 'Resident.idNumber', insideScope, during).effect).toBe('deny');
    expect(forTwo.decide(caller('police', grant.purpose, 'fire-officer-li'), 'Resident.idNumber', insideScope, during).effect).toBe('deny');
  });

  it('with no users named (or an empty list), holds for every user of the department', () => {
    const forAll = new PolicyEngine(document, classified, [{ ...grant, id: 10, subjects: [] }]);
    expect(forAll.decide(caller('fire', grant.purpose, 'anyone'), 'Resident.idNumber', insideScope, during)).toMatchObject({ effect: 'allow', grantId: 10 });
  });

  it('applies from the start of its window up to, not including, its end', () => {
    const at = (iso: string) => engine.decide(fireWithPurpose, 'Resident.idNumber', insideScope, Date.parse(iso)).effect;
    expect(at('2026-10-31T23:59:59.999Z')).toBe('deny');
    expect(at('2026-11-01T00:00:00.000Z')).toBe('allow');
    expect(at('2026-11-01T23:59:59.999Z')).toBe('allow');
    expect(at('2026-11-02T00:00:00.000Z')).toBe('deny');
    expect(at('2026-12-01T00:00:00.000Z')).toBe('deny');
  });

  it('does nothing for records outside its scope, or whose place is unknown', () => {
    expect(engine.decide(fireWithPurpose, 'Resident.idNumber', outsideScope, during).effect).toBe('deny');
    expect(engine.decide(fireWithPurpose, 'Resident.idNumber', {}, during).effect).toBe('deny');
  });

  it('does nothing for fields it does not name', () => {
    expect(engine.decide(fireWithPurpose, 'Resident.careCategories', insideScope, during).effect).toBe('deny');
  });

  it('with an empty scope, covers the whole city', () => {
    const citywide = new PolicyEngine(document, classified, [{ ...grant, id: 8, scope: '' }]);
    expect(citywide.decide(fireWithPurpose, 'Resident.idNumber', outsideScope, during)).toMatchObject({ effect: 'allow', grantId: 8 });
  });
});
