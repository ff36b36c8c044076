import type { FieldCatalog, FieldInfo, TypeInfo } from './catalog.js';

/**
 * Who may do what: every mutation of a subgraph that enforces the policy is an action, governed by
 * rules in the same policy data as fields (`field: Mutation.dispatchTeam`), decided by the same engine.
 * An action's rule allows or denies running it; the record it tests (`scope: jurisdiction`, `when`) is
 * the record the mutation acts on, of the mutation's return type, as it stands before the write.
 */
export const ACTION_TYPE = 'Mutation';

/**
 * The subgraph that holds the policy itself. Its mutations (publishing rules, deciding sharing requests)
 * stay checked in its own code: a published policy must never be able to lock every data officer out
 * of the very mutations that would repair it.
 */
export const POLICY_HOLDER_SUBGRAPH = 'access';

/** `Mutation.<name>`: a field name the policy treats as an action. */
export function isAction(field: string): boolean {
  return field.startsWith(`${ACTION_TYPE}.`);
}

/** What a decision's reason says the caller may do with a field or action. */
export function verbFor(field: string): 'run' | 'read' {
  return isAction(field) ? 'run' : 'read';
}

/** Whether the policy governs this mutation (resolved by a subgraph that enforces the policy). */
export function isGovernedAction(info: FieldInfo): boolean {
  return info.type === ACTION_TYPE && info.subgraph !== undefined && info.subgraph !== POLICY_HOLDER_SUBGRAPH;
}

/** `Mutation.<name>` of every governed action of the composed schema. */
export function governedActions(catalog: FieldCatalog): string[] {
  return [...(catalog.get(ACTION_TYPE)?.fields.values() ?? [])].filter(isGovernedAction).map((info) => `${ACTION_TYPE}.${info.field}`);
}

/** The type of the record an action acts on: the mutation's return type, which `scope` and `when` test. */
export function actedOnType(catalog: FieldCatalog, info: FieldInfo): TypeInfo | undefined {
  return catalog.get(info.valueType);
}

/** What is wrong with a rule for an action, beyond what every rule is checked for: keyed by the rule setting. */
export function actionRuleProblems(raw: Record<string, unknown>, info: FieldInfo): { key: string; message: string }[] {
  const name = `${ACTION_TYPE}.${info.field}`;
  if (info.subgraph === POLICY_HOLDER_SUBGRAPH) {
    return [{ key: 'field', message: `${name} is checked by the access service itself (data officers only), never by the policy` }];
  }
  if (!isGovernedAction(info)) return [{ key: 'field', message: `${name} is not resolved by one subgraph, so no subgraph could enforce a rule for it` }];
  if (raw.effect === 'mask') return [{ key: 'effect', message: `${name} is an action: a rule allows or denies running it; mask applies only to fields read` }];
  return [];
}
