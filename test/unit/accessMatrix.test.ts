import { accessMatrix, catalogFromSupergraph, loadPolicyFile } from '@civic/governance';
import { DEPARTMENTS } from '@civic/runtime';
import { TABLE } from '../support/whoSeesWhat';

/**
 * The access matrix the console shows is the policy engine's own answer. Checked against the table
 * written by hand from the domain brief (test/support/whoSeesWhat.ts), not against the engine.
 */
const catalog = catalogFromSupergraph('schema/supergraph.graphql');
const engine = loadPolicyFile('schema/policy.yaml', catalog);
const matrix = accessMatrix(engine, catalog, {
  departments: DEPARTMENTS,
  role: 'officer',
  jurisdiction: '330101001001',
  outsideGridCode: '330102001001001',
  purpose: 'emergency-response',
});

describe('the access matrix', () => {
  it.each(Object.keys(TABLE))('%s: each department as the hand-written table says', (field) => {
    const row = matrix.find((r) => r.field === field);
    expect(row?.cells.map((cell) => cell.state)).toEqual(TABLE[field]);
  });

  it('has a row for every classified field, grouped by subgraph, with its classification and owner', () => {
    const fields = matrix.map((row) => row.field);
    expect(new Set(fields).size).toBe(fields.length);
    for (const field of Object.keys(TABLE)) expect(fields).toContain(field);
    for (const row of matrix) {
      expect(['internal', 'sensitive', 'highly_sensitive']).toContain(row.classification);
      expect(row.owner).toBeDefined();
    }
    const subgraphs = matrix.map((row) => row.subgraph ?? '');
    expect(subgraphs).toEqual([...subgraphs].sort());
  });

  it('names the deciding rule and its reason', () => {
    const phone = matrix.find((r) => r.field === 'Resident.phone')!.cells.find((c) => c.department === 'fire')!;
    expect(phone.inside).toMatchObject({ effect: 'mask', basis: 'rule', ruleIndex: expect.any(Number), mask: 'phone' });
    expect(phone.inside.reason).toMatch(/^rule \d+/);
  });

  it('lists the record conditions that may change a cell', () => {
    const reporter = matrix.find((r) => r.field === 'Incident.reporter')!.cells.find((c) => c.department === 'fire')!;
    expect(reporter.conditions.join(' ')).toContain('PETITION_DISPUTE');
  });
});
