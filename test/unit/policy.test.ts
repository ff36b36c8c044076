import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { applyMask, catalogFromSupergraph, classifiedFields, loadPolicyFile, PolicyEngine, PolicyError, validatePolicy } from '@civic/governance';
import { DEPARTMENTS, type Department, type Identity } from '@civic/runtime';

const catalog = catalogFromSupergraph('schema/supergraph.graphql');
const policy = loadPolicyFile('schema/policy.yaml', catalog);
const who = (department: Department, extra: Partial<Identity> = {}): Identity => ({ subject: 't', department, roles: ['officer'], ...extra });
const resident = { gridCode: '330101001001001' };

describe('the policy engine on the demo policy', () => {
  it('lets police and civil affairs read ID numbers, masks them for a community inside its jurisdiction, denies everyone else', () => {
    expect(policy.decide(who('police'), 'Resident.idNumber', resident).effect).toBe('allow');
    expect(policy.decide(who('civil'), 'Resident.idNumber', resident).effect).toBe('allow');
    expect(policy.decide(who('community', { jurisdiction: '330101001' }), 'Resident.idNumber', resident)).toMatchObject({ effect: 'mask', mask: 'idNumber' });
    expect(policy.decide(who('community', { jurisdiction: '330102' }), 'Resident.idNumber', resident).effect).toBe('deny');
    for (const d of ['fire', 'emergency', 'housing', 'petition', 'health', 'governance'] as const) {
      expect(policy.decide(who(d), 'Resident.idNumber', resident).effect).toBe('deny');
    }
  });

  it('masks phones for the fire service', () => {
    expect(policy.decide(who('fire'), 'Resident.phone', resident)).toMatchObject({ effect: 'mask', mask: 'phone' });
  });

  it('tells rescuers that someone needs help without telling them why', () => {
    for (const d of ['fire', 'emergency'] as const) {
      expect(policy.decide(who(d), 'Resident.needsEvacuationAssistance', resident).effect).toBe('allow');
      expect(policy.decide(who(d), 'Resident.careCategories', resident).effect).toBe('deny');
    }
    expect(policy.decide(who('community', { jurisdiction: '330101001' }), 'Resident.careCategories', resident).effect).toBe('allow');
  });

  it('keeps key-personnel categories for the police only', () => {
    for (const d of DEPARTMENTS) {
      expect(policy.decide(who(d, { jurisdiction: '330101' }), 'Resident.keyPersonnelCategory', resident).effect).toBe(d === 'police' ? 'allow' : 'deny');
    }
  });

  it('protects petition reporters and texts, not those of other incidents', () => {
    const petition = { category: 'PETITION_DISPUTE', gridCode: resident.gridCode };
    const fire = { category: 'FIRE_HAZARD', gridCode: resident.gridCode };
    for (const field of ['Incident.reporter', 'Incident.description']) {
      for (const d of DEPARTMENTS) {
        const expected = d === 'petition' || d === 'governance' ? 'allow' : 'deny';
        expect({ d, field, effect: policy.decide(who(d, { jurisdiction: '330101' }), field, petition).effect }).toEqual({ d, field, effect: expected });
      }
      expect(policy.decide(who('fire'), field, fire).effect).toBe('allow');
    }
  });

  it('shows duty roster phones to every department on duty', () => {
    for (const d of DEPARTMENTS) expect(policy.decide({ ...who(d), roles: ['duty'] }, 'DutyRoster.phone', {}).effect).toBe('allow');
    expect(policy.decide(who('fire'), 'DutyRoster.phone', {}).effect).toBe('mask');
  });

  it('has a deliberate rule for every department on every sensitive field', () => {
    const sensitive = [...catalog].flatMap(([type, info]) =>
      [...info.fields.values()].filter((f) => f.classification === 'sensitive' || f.classification === 'highly_sensitive').map((f) => `${type}.${f.field}`),
    );
    expect(sensitive.length).toBeGreaterThan(8);
    for (const field of sensitive) {
      const covered = new Set(policy.document.rules.filter((r) => r.field === field).flatMap((r) => (r.departments.includes('*') ? [...DEPARTMENTS] : r.departments)));
      expect({ field, missing: DEPARTMENTS.filter((d) => !covered.has(d)) }).toEqual({ field, missing: [] });
    }
  });
});

describe('default deny', () => {
  it('denies a classified field that no rule mentions, and allows a public one', () => {
    const engine = new PolicyEngine({ version: 1, rules: [] }, classifiedFields(catalog));
    expect(engine.decide(who('police'), 'Resident.idNumber', resident).effect).toBe('deny');
    expect(engine.decide(who('police'), 'Resident.gridCode', resident).effect).toBe('allow');
  });

  it('lets deny beat allow, and allow beat mask', () => {
    const engine = new PolicyEngine(
      {
        version: 1,
        rules: [
          { field: 'Resident.phone', departments: ['*'], effect: 'mask', mask: 'phone' },
          { field: 'Resident.phone', departments: ['fire'], effect: 'allow' },
          { field: 'Resident.phone', departments: ['housing'], effect: 'allow' },
          { field: 'Resident.phone', departments: ['housing'], effect: 'deny' },
        ],
      },
      classifiedFields(catalog),
    );
    expect(engine.decide(who('fire'), 'Resident.phone', resident).effect).toBe('allow');
    expect(engine.decide(who('police'), 'Resident.phone', resident).effect).toBe('mask');
    expect(engine.decide(who('housing'), 'Resident.phone', resident).effect).toBe('deny');
  });

  it('requires a stated purpose where a rule says so', () => {
    const engine = new PolicyEngine({ version: 1, rules: [{ field: 'Resident.phone', departments: ['fire'], effect: 'allow', requirePurpose: true }] }, classifiedFields(catalog));
    expect(engine.decide(who('fire'), 'Resident.phone', resident).effect).toBe('deny');
    expect(engine.decide(who('fire', { purpose: 'evacuation' }), 'Resident.phone', resident).effect).toBe('allow');
  });
});

describe('policy validation against the composed schema', () => {
  const base = parse(readFileSync('schema/policy.yaml', 'utf8')) as { version: number; rules: Record<string, unknown>[] };
  const withRule = (rule: Record<string, unknown>) => ({ ...base, rules: [...base.rules, rule] });
  const problemsOf = (document: unknown) => {
    try {
      validatePolicy(document, catalog);
    } catch (error) {
      if (error instanceof PolicyError) return error.problems;
      throw error;
    }
    return [];
  };
  const last = `rules[${base.rules.length}]`;

  it.each([
    [{ field: 'Residnt.phone', departments: ['fire'], effect: 'allow' }, `${last}.field`, /no type Residnt/],
    [{ field: 'Resident.phon', departments: ['fire'], effect: 'allow' }, `${last}.field`, /no field phon.*did you mean phone/],
    [{ field: 'Resident.gridCode', departments: ['fire'], effect: 'allow' }, `${last}.field`, /public/],
    [{ field: 'Resident.phone', departments: ['firemen'], effect: 'allow' }, `${last}.departments[0]`, /unknown department "firemen"/],
    [{ field: 'Resident.phone', departments: ['fire'], roles: ['chief'], effect: 'allow' }, `${last}.roles[0]`, /unknown role/],
    [{ field: 'Resident.phone', departments: ['fire'], effect: 'mask', mask: 'scramble' }, `${last}.mask`, /masking style/],
    [{ field: 'Resident.careCategories', departments: ['fire'], effect: 'mask', mask: 'phone' }, `${last}.mask`, /CareCategory/],
    [{ field: 'Resident.phone', departments: ['fire'], effect: 'share' }, `${last}.effect`, /allow, mask, deny/],
    [{ field: 'DutyRoster.phone', departments: ['fire'], effect: 'allow', when: { colour: { in: ['red'] } } }, `${last}.when.colour`, /no field colour/],
    [{ field: 'Resident.phone', departments: ['fire'], effect: 'allow', because: 'x' }, `${last}.because`, /not a rule setting/],
  ])('rejects %j at %s', (rule, path, message) => {
    const problems = problemsOf(withRule(rule));
    expect(problems).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });

  it('accepts the demo policy as committed', () => {
    expect(problemsOf(base)).toEqual([]);
  });
});

describe('masking styles keep the value\'s format', () => {
  it('shows an ID number as its first 6 and last 4 characters', () => {
    expect(applyMask('idNumber', '11010519491231002X')).toBe('110105********002X');
  });
  it('shows a phone as its first 3 and last 4 digits', () => {
    expect(applyMask('phone', '13812345678')).toBe('138****5678');
  });
});
