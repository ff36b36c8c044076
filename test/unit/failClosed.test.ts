import { buildSchema, execute, parse } from 'graphql';
import { applyMask, DecisionCache, enforcePolicy, FOR_CALLER, PolicyEngine, UnmaskableValue, type PolicyContext, type PolicyDocument } from '@civic/governance';
import type { Identity } from '@civic/runtime';

const fire: Identity = { subject: 'u1', department: 'fire', roles: ['officer'] };

describe('the policy engine fails closed', () => {
  const document: PolicyDocument = {
    version: 1,
    rules: [
      { field: 'Incident.description', departments: ['fire'], effect: 'allow', when: { category: { notIn: ['PETITION_DISPUTE'] } } },
      { field: 'Incident.reporter', departments: ['*'], effect: 'allow' },
      { field: 'Incident.reporter', departments: ['fire'], effect: 'deny', when: { category: { in: ['PETITION_DISPUTE'] } } },
    ],
  };
  const engine = new PolicyEngine(document, new Set(['Incident.description', 'Incident.reporter']));

  it('denies when an allow rule tests a value the record lacks (it used to match notIn)', () => {
    expect(engine.decide(fire, 'Incident.description', { gridCode: '330101001001001' }).effect).toBe('deny');
    expect(engine.decide(fire, 'Incident.description', { gridCode: '330101001001001', category: null }).effect).toBe('deny');
    expect(engine.decide(fire, 'Incident.description', { gridCode: '330101001001001', category: 'FIRE_HAZARD' }).effect).toBe('allow');
    expect(engine.decide(fire, 'Incident.description', { gridCode: '330101001001001', category: 'PETITION_DISPUTE' }).effect).toBe('deny');
  });

  it('applies a deny rule whose condition cannot be tested', () => {
    expect(engine.decide(fire, 'Incident.reporter', { gridCode: '330101001001001' })).toMatchObject({ effect: 'deny', ruleIndex: 2 });
    expect(engine.decide(fire, 'Incident.reporter', { category: 'FIRE_HAZARD' }).effect).toBe('allow');
  });

  it('answers a question without a record as if the record values were unknown', () => {
    expect(engine.decide(fire, 'Incident.description', FOR_CALLER).effect).toBe('deny');
    expect(engine.conditionalRules(fire, 'Incident.description').map((r) => r.index)).toEqual([0]);
  });

  it('names the deciding rule and the reason', () => {
    const decision = engine.decide({ ...fire, department: 'police' }, 'Incident.reporter', { category: 'FIRE_HAZARD' });
    expect(decision).toMatchObject({ effect: 'allow', basis: 'rule', ruleIndex: 1 });
    expect(decision.reason).toMatch(/rule 1/);
    expect(engine.decide(fire, 'Incident.nothing', {}).basis).toBe('unclassified');
  });
});

describe('masking fails closed', () => {
  it('masks text and lists of text, and refuses anything else', () => {
    expect(applyMask('phone', '17147278801')).toBe('171****8801');
    expect(applyMask('redacted', ['ab', 'cde'])).toEqual(['**', '***']);
    expect(() => applyMask('phone', 17147278801)).toThrow(UnmaskableValue);
    expect(() => applyMask('phone', { digits: '171' })).toThrow(UnmaskableValue);
    expect(() => applyMask('shoeSize', 'x')).toThrow(UnmaskableValue);
  });

  it('denies a masked field whose value is not text (it used to pass in full)', async () => {
    const schema = enforcePolicy(
      buildSchema(`
        directive @tag(name: String!) repeatable on FIELD_DEFINITION
        type Query { floor: Int @tag(name: "classification:sensitive") label: String @tag(name: "classification:sensitive") }
      `),
    );
    const policy = new PolicyEngine(
      { version: 1, rules: [{ field: 'Query.floor', departments: ['fire'], effect: 'mask', mask: 'phone' }, { field: 'Query.label', departments: ['fire'], effect: 'mask', mask: 'redacted' }] },
      new Set(['Query.floor', 'Query.label']),
    );
    const contextValue: PolicyContext = { identity: fire, policy, decisions: new DecisionCache() };
    const result = await execute({ schema, document: parse('{ floor label }'), rootValue: { floor: 17, label: 'secret' }, contextValue });
    expect(result.data).toEqual({ floor: null, label: '******' });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([['floor', 'FORBIDDEN']]);
  });
});
