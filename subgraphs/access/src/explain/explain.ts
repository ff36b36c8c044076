import {
  getNamedType,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
} from 'graphql';
import { type FieldCatalog, type PolicyEngine, type Rule } from '@civic/governance';
import { badUserInput, type Identity } from '@civic/runtime';
import { composedApiSchema } from '../governanceContext.js';

export type AccessDecision = 'PUBLIC' | 'ALLOW' | 'MASK' | 'DENY' | 'OUT_OF_SCOPE';

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

function describe(rule: Rule): string {
  return Object.entries(rule.when ?? {})
    .map(([field, test]) => `${field} ${test.in ? `in [${test.in.join(', ')}]` : ''}${test.notIn ? `not in [${test.notIn.join(', ')}]` : ''}`)
    .join(' and ');
}

function appliesToCaller(rule: Rule, identity: Identity): boolean {
  return (rule.departments.includes('*') || rule.departments.includes(identity.department)) && (!rule.roles || rule.roles.some((r) => identity.roles.includes(r)));
}

/**
 * For every field an operation touches, what this caller would get and why, decided by the policy
 * and grants in force alone: no data is read. A record inside the caller's jurisdiction is assumed;
 * rules that depend on the record itself are listed as conditions.
 */
export function explain(operation: string, identity: Identity, engine: PolicyEngine, catalog: FieldCatalog): FieldExplanation[] {
  const document = parseOperation(operation);
  const typeInfo = new TypeInfo(composedApiSchema());
  const path: string[] = [];
  const explanations: FieldExplanation[] = [];
  const record = { gridCode: identity.jurisdiction ?? '' };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          path.push(node.alias?.value ?? node.name.value);
          const parent = typeInfo.getParentType();
          if (!parent || node.name.value.startsWith('__') || ['Query', 'Mutation'].includes(parent.name)) return;
          const typeName = getNamedType(parent).name;
          const key = `${typeName}.${node.name.value}`;
          const classification = catalog.get(typeName)?.fields.get(node.name.value)?.classification ?? 'public';
          const decision = engine.decide(identity, key, record);
          const rules = engine.document.rules;
          const callerRules = rules.filter((r) => r.field === key && appliesToCaller(r, identity));
          const scopedOnly = decision.effect === 'deny' && decision.ruleIndex === undefined && callerRules.some((r) => r.scope === 'jurisdiction');
          explanations.push({
            path: path.join('.'),
            typeName,
            fieldName: node.name.value,
            classification,
            decision: classification === 'public' ? 'PUBLIC' : scopedOnly ? 'OUT_OF_SCOPE' : (decision.effect.toUpperCase() as AccessDecision),
            mask: decision.mask ?? null,
            ruleIndex: decision.ruleIndex ?? null,
            ruleReason: decision.ruleIndex === undefined ? null : (rules[decision.ruleIndex]?.reason ?? null),
            grantId: decision.grantId ?? null,
            conditions: callerRules.filter((r) => r.when).map((r) => `${r.effect} only where ${describe(r)}`),
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
