import {
  getNamedType,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
} from 'graphql';
import { ACTION_TYPE, describeConditions, FOR_CALLER, POLICY_HOLDER_SUBGRAPH, type Decision, type FieldCatalog, type PolicyEngine } from '@civic/governance';
import { badUserInput, type Identity } from '@civic/runtime';
import { composedApiSchema } from '../governanceContext.js';

export type AccessDecision = 'PUBLIC' | 'ALLOW' | 'MASK' | 'DENY' | 'OUT_OF_SCOPE';

const DECISIONS: Record<'public' | 'out-of-scope' | 'allow' | 'mask' | 'deny', AccessDecision> = {
  public: 'PUBLIC',
  'out-of-scope': 'OUT_OF_SCOPE',
  allow: 'ALLOW',
  mask: 'MASK',
  deny: 'DENY',
};

export interface FieldExplanation {
  path: string;
  typeName: string;
  fieldName: string;
  classification: string;
  decision: AccessDecision;
  mask: string | null;
  ruleIndex: number | null;
  ruleReason: string | null;
  grantId: number | null;
  conditions: string[];
  reason: string;
}

function parseOperation(operation: string): DocumentNode {
  let document: DocumentNode;
  try {
    document = parse(operation);
  } catch (error) {
    throw badUserInput('input.operation', `is not GraphQL: ${(error as Error).message}`);
  }
  const errors = validate(composedApiSchema(), document);
  if (errors.length) throw badUserInput('input.operation', errors.map((e) => e.message).join('; '));
  return document;
}

/** How a decision reads in an explanation. */
function decisionOf(decision: Decision): AccessDecision {
  return DECISIONS[decision.basis === 'unclassified' ? 'public' : decision.basis === 'out-of-scope' ? 'out-of-scope' : decision.effect];
}

/**
 * The access service's own mutations are checked in its code, not by the policy (so that no published
 * policy can lock the data officers out of repairing it): data officers only.
 */
function accessServiceDecision(identity: Identity, name: string): Decision {
  return identity.roles.includes('data-officer')
    ? { effect: 'allow', basis: 'unclassified', reason: `the access service lets data officers run ${name}; the policy does not govern it` }
    : { effect: 'deny', basis: 'default', reason: `the access service lets only data officers run ${name}; the policy does not govern it` };
}

/** Whether the caller may run a mutation: the policy's answer for a governed action, the access service's for its own. */
function explainAction(path: string, name: string, identity: Identity, engine: PolicyEngine, catalog: FieldCatalog): FieldExplanation {
  const key = `${ACTION_TYPE}.${name}`;
  const ownService = catalog.get(ACTION_TYPE)?.fields.get(name)?.subgraph === POLICY_HOLDER_SUBGRAPH;
  const decision = ownService ? accessServiceDecision(identity, name) : engine.decide(identity, key, FOR_CALLER);
  return {
    path,
    typeName: ACTION_TYPE,
    fieldName: name,
    classification: 'action',
    decision: ownService ? (decision.effect === 'allow' ? 'ALLOW' : 'DENY') : decisionOf(decision),
    mask: null,
    ruleIndex: decision.ruleIndex ?? null,
    ruleReason: decision.ruleIndex === undefined ? null : (engine.document.rules[decision.ruleIndex]?.reason ?? null),
    grantId: null,
    conditions: ownService ? [] : engine.conditionalRules(identity, key).map((r) => `${r.effect} only where ${describeConditions(r)}`),
    reason: decision.reason,
  };
}

/**
 * For every field an operation touches, what this caller would get and why, as the policy engine
 * answers for the caller (a record inside the caller's jurisdiction, its other values unknown): no data
 * is read. Rules that depend on a record's values are listed as conditions. A mutation is explained
 * as an action: whether the caller may run it, and the rule that decided.
 */
export function explain(operation: string, identity: Identity, engine: PolicyEngine, catalog: FieldCatalog): FieldExplanation[] {
  const document = parseOperation(operation);
  const typeInfo = new TypeInfo(composedApiSchema());
  const path: string[] = [];
  const explanations: FieldExplanation[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          path.push(node.alias?.value ?? node.name.value);
          const parent = typeInfo.getParentType();
          if (!parent || node.name.value.startsWith('__') || parent.name === 'Query') return;
          if (parent.name === ACTION_TYPE) {
            explanations.push(explainAction(path.join('.'), node.name.value, identity, engine, catalog));
            return;
          }
          const typeName = getNamedType(parent).name;
          const key = `${typeName}.${node.name.value}`;
          const decision = engine.decide(identity, key, FOR_CALLER);
          explanations.push({
            path: path.join('.'),
            typeName,
            fieldName: node.name.value,
            classification: catalog.get(typeName)?.fields.get(node.name.value)?.classification ?? 'public',
            decision: decisionOf(decision),
            mask: decision.mask ?? null,
            ruleIndex: decision.ruleIndex ?? null,
            ruleReason: decision.ruleIndex === undefined ? null : (engine.document.rules[decision.ruleIndex]?.reason ?? null),
            grantId: decision.grantId ?? null,
            conditions: engine.conditionalRules(identity, key).map((r) => `${r.effect} only where ${describeConditions(r)}`),
            reason: decision.reason,
          });
        },
        leave() {
          path.pop();
        },
      },
    }),
  );
  return explanations;
}
