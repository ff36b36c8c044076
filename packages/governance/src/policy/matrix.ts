import type { Department, Identity, Role } from '@civic/runtime';
import type { FieldCatalog } from './catalog.js';
import type { Decision, Effect, Grant, Rule } from './model.js';
import type { PolicyEngine } from './engine.js';
import { ownerOf } from './owners.js';

/**
 * Who sees what, as the policy engine itself decides it: for each classified field and department, what
 * an officer of that department gets of a record inside its jurisdiction and of one outside it. The
 * console's matrix is this, so it can never disagree with what the subgraphs enforce.
 *
 *   allow / mask / deny   the same inside and outside
 *   scoped                in full inside the jurisdiction, never outside
 *   scoped-mask           masked inside the jurisdiction, never outside
 *   mixed                 any other pair (both decisions are given)
 */
export type MatrixState = 'allow' | 'mask' | 'deny' | 'scoped' | 'scoped-mask' | 'mixed';

export interface MatrixCell {
  department: Department;
  state: MatrixState;
  /** What a record inside the caller's jurisdiction gets, and the rule that decided. */
  inside: Decision;
  outside: Decision;
  /** What stating a purpose would change (a `requirePurpose` rule), when it changes anything. */
  withPurpose: Decision | undefined;
  /** Rules that depend on the record's own values, e.g. its category. */
  conditions: string[];
  /** Grants in force for this department and field (they hold only while the grant's purpose is stated). */
  grants: Grant[];
}

export interface MatrixRow {
  field: string;
  typeName: string;
  fieldName: string;
  subgraph: string | undefined;
  classification: string;
  owner: Department | undefined;
  cells: MatrixCell[];
}

export interface MatrixQuestion {
  departments: readonly Department[];
  role: Role;
  /** The jurisdiction every department's officer is given; records are placed inside and outside it. */
  jurisdiction: string;
  /** A grid code inside no jurisdiction of the question, for the `outside` record. */
  outsideGridCode: string;
  /** A purpose to state for the `withPurpose` answer. */
  purpose: string;
}

/** A rule's record conditions in words, e.g. `category not in [PETITION_DISPUTE]`. */
export function describeConditions(rule: Rule): string {
  return Object.entries(rule.when ?? {})
    .map(([field, test]) => `${field} ${test.in ? `in [${test.in.join(', ')}]` : ''}${test.notIn ? `not in [${test.notIn.join(', ')}]` : ''}`)
    .join(' and ');
}

function stateOf(inside: Effect, outside: Effect): MatrixState {
  if (inside === outside) return inside;
  if (outside !== 'deny') return 'mixed';
  return inside === 'allow' ? 'scoped' : 'scoped-mask';
}

const sameDecision = (a: Decision, b: Decision) => a.effect === b.effect && a.ruleIndex === b.ruleIndex && a.basis === b.basis;

function cellOf(engine: PolicyEngine, field: string, department: Department, question: MatrixQuestion): MatrixCell {
  const identity: Identity = { subject: 'matrix', department, roles: [question.role], jurisdiction: question.jurisdiction };
  const insideRecord = { gridCode: question.jurisdiction };
  const inside = engine.decide(identity, field, insideRecord);
  const outside = engine.decide(identity, field, { gridCode: question.outsideGridCode });
  // A grant would turn the purpose-stating answer to allow; grants are listed apart, so ask without them.
  const purposeful = engine.decideByRulesOnly({ ...identity, purpose: question.purpose }, field, insideRecord);
  return {
    department,
    state: stateOf(inside.effect, outside.effect),
    inside,
    outside,
    withPurpose: sameDecision(purposeful, inside) ? undefined : purposeful,
    conditions: engine.conditionalRules(identity, field).map((rule) => `${rule.effect} only where ${describeConditions(rule)}`),
    grants: engine.grants.filter((grant) => grant.department === department && grant.fields.includes(field)),
  };
}

/** The matrix of every classified field (by subgraph, type and field) against the departments asked about. */
export function accessMatrix(engine: PolicyEngine, catalog: FieldCatalog, question: MatrixQuestion): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const [typeName, type] of catalog) {
    for (const [fieldName, info] of type.fields) {
      const field = `${typeName}.${fieldName}`;
      if (info.classification === 'public' || !engine.isClassified(field)) continue;
      rows.push({
        field,
        typeName,
        fieldName,
        subgraph: info.subgraph,
        classification: info.classification,
        owner: ownerOf(engine.document, field),
        cells: question.departments.map((department) => cellOf(engine, field, department, question)),
      });
    }
  }
  return rows.sort((a, b) => (a.subgraph ?? '').localeCompare(b.subgraph ?? '') || a.typeName.localeCompare(b.typeName) || a.fieldName.localeCompare(b.fieldName));
}
