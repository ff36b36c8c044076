import { applyMask, catalogFromSupergraph, loadPolicyFile, type Decision } from '@civic/governance';
import { DEPARTMENTS, type Department, type Identity, type Role } from '@civic/runtime';
import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';
import { expectedEffect } from '../../support/whoSeesWhat';

/**
 * Every classified field, asked for through the gateway as every department, must come back allowed,
 * masked or denied as the hand-written who-sees-what table says (test/support/whoSeesWhat.ts) for the
 * fields it covers, and as the policy decides for that record for the others.
 */
const catalog = catalogFromSupergraph('schema/supergraph.graphql');
const policy = loadPolicyFile('schema/policy.yaml', catalog);
const STREET = '330101001';

interface Caller {
  label: string;
  department: Department;
  role: Role;
  jurisdiction?: string;
}
const callers: Caller[] = [
  ...DEPARTMENTS.map((department): Caller => ({ label: department, department, role: 'officer', ...(department === 'community' ? { jurisdiction: STREET } : {}) })),
  { label: 'fire on duty', department: 'fire', role: 'duty' },
];

/** How to reach records of each type, and which public fields identify the record for the policy. */
const probes: Record<string, (selection: string) => { query: string; nodes: (data: any) => any[] }> = {
  Resident: (s) => ({ query: `{ list: residents(first: 4, filter: { gridCodePrefix: "${STREET}" }) { edges { node { id gridCode ${s} } } } }`, nodes: (d) => d.list.edges.map((e: any) => e.node) }),
  CareVisit: (s) => ({
    query: `{ list: residents(first: 60, filter: { gridCodePrefix: "${STREET}" }) { edges { node { careVisits { id gridCode ${s} } } } } }`,
    nodes: (d) => d.list.edges.flatMap((e: any) => e.node.careVisits ?? []),
  }),
  Grid: (s) => ({ query: `{ grid(code: "${STREET}001001") { code ${s} } }`, nodes: (d) => [d.grid] }),
  Building: (s) => ({ query: `{ list: buildings(first: 4, filter: { gridCodePrefix: "${STREET}" }) { edges { node { id gridCode ${s} } } } }`, nodes: (d) => d.list.edges.map((e: any) => e.node) }),
  Inspection: (s) => ({
    query: `{ list: buildings(first: 6, filter: { gridCodePrefix: "${STREET}" }) { edges { node { inspections { id gridCode ${s} } } } } }`,
    nodes: (d) => d.list.edges.flatMap((e: any) => e.node.inspections),
  }),
  Incident: (s) => ({
    query: `{ petitions: incidents(first: 3, filter: { gridCodePrefix: "${STREET}", category: PETITION_DISPUTE, source: HOTLINE }) { edges { node { id gridCode category ${s} } } }
      fires: incidents(first: 3, filter: { gridCodePrefix: "${STREET}", category: FIRE_HAZARD, source: HOTLINE }) { edges { node { id gridCode category ${s} } } } }`,
    nodes: (d) => [...d.petitions.edges, ...d.fires.edges].map((e: any) => e.node),
  }),
  TimelineEntry: (s) => ({
    query: `{ list: incidents(first: 2, filter: { gridCodePrefix: "${STREET}" }) { edges { node { timeline { id gridCode ${s} } } } } }`,
    nodes: (d) => d.list.edges.flatMap((e: any) => e.node.timeline),
  }),
  Depot: (s) => ({ query: `{ list: depots(first: 3, filter: { gridCodePrefix: "${STREET}" }) { edges { node { id gridCode ${s} } } } }`, nodes: (d) => d.list.edges.map((e: any) => e.node) }),
  RescueTeam: (s) => ({ query: `{ list: rescueTeams(first: 3, filter: { gridCodePrefix: "${STREET}" }) { edges { node { id gridCode ${s} } } } }`, nodes: (d) => d.list.edges.map((e: any) => e.node) }),
  DutyRoster: (s) => ({ query: `{ list: dutyRosters(first: 3, filter: { gridCodePrefix: "${STREET}" }) { edges { node { id gridCode ${s} } } } }`, nodes: (d) => d.list.edges.map((e: any) => e.node) }),
  Dispatch: (s) => ({ query: `{ list: dispatches(first: 3, filter: { gridCodePrefix: "${STREET}" }) { edges { node { id gridCode ${s} } } } }`, nodes: (d) => d.list.edges.map((e: any) => e.node) }),
};

const classified = [...catalog].flatMap(([type, info]) =>
  [...info.fields.values()].filter((f) => f.classification !== 'public').map((f) => ({ type, field: f.field, objectValued: !['String', 'Int', 'Boolean', 'ID', 'Float', 'DateTimeISO'].includes(f.valueType) && catalog.has(f.valueType) })),
);

function identityOf(caller: Caller): Identity {
  return { subject: 'matrix', department: caller.department, roles: [caller.role], ...(caller.jurisdiction ? { jurisdiction: caller.jurisdiction } : {}) };
}

describe.each(eachBackend())('the policy matrix through the gateway (%s)', (_backend, platform) => {
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    for (const caller of callers) tokens.set(caller.label, await tokenFor(caller.department, { role: caller.role, ...(caller.jurisdiction ? { jurisdiction: caller.jurisdiction } : {}) }));
  });

  it('covers every classified type with a probe', () => {
    expect(classified.filter((c) => !probes[c.type]).map((c) => c.type)).toEqual([]);
  });

  it.each(classified.map((c) => [`${c.type}.${c.field}`, c] as const))('%s', async (key, { type, field, objectValued }) => {
    const probe = probes[type]!(objectValued ? `${field} { id }` : field);
    const answers = new Map<string, { nodes: any[]; errors: any[] }>();
    for (const caller of callers) {
      const response = await graphql(platform.gatewayUrl, probe.query, {}, { token: tokens.get(caller.label)! });
      answers.set(caller.label, { nodes: response.data ? probe.nodes(response.data) : [], errors: response.errors ?? [] });
    }
    let checked = 0;
    for (const caller of callers) {
      const { nodes, errors } = answers.get(caller.label)!;
      nodes.forEach((node, index) => {
        const record = { ...node, gridCode: node.gridCode ?? node.code };
        const decision: Decision = policy.decide(identityOf(caller), key, record);
        expect({ caller: caller.label, key, effect: expectedEffect(key, identityOf(caller), record.gridCode) ?? decision.effect }).toEqual({ caller: caller.label, key, effect: decision.effect });
        const reference = callers.find((c) => policy.decide(identityOf(c), key, record).effect === 'allow');
        const truth = reference ? answers.get(reference.label)!.nodes.find((n) => n.id === node.id && n.gridCode === node.gridCode)?.[field] : undefined;
        const forbiddenHere = errors.some((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions?.field === key && e.path?.at(-1) === field);
        const seen = { caller: caller.label, key, index, effect: decision.effect };
        if (decision.effect === 'deny') {
          expect({ ...seen, value: node[field], forbiddenHere }).toEqual({ ...seen, value: null, forbiddenHere: true });
        } else if (decision.effect === 'mask') {
          expect({ ...seen, value: node[field] }).toEqual({ ...seen, value: applyMask(decision.mask!, truth) });
        } else if (reference) {
          expect({ ...seen, value: node[field] }).toEqual({ ...seen, value: truth });
        }
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(0);
  });
});
