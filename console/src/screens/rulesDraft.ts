import { parseDocument } from 'yaml';
import type { PolicyInForceQuery, RuleInput } from '../gql/graphql';

export type NumberedRule = NonNullable<PolicyInForceQuery['policy']>['rules'][number];

/** A rule as the officer edits it: the GraphQL input shape, conditions included. */
export type DraftRule = RuleInput;

/** The rule's settings only (the cache adds __typename, the policy numbers rules): what RuleInput takes. */
export function draftOf(rule: NumberedRule): DraftRule {
  const draft: DraftRule = { field: rule.field, departments: rule.departments, effect: rule.effect };
  if (rule.roles?.length) draft.roles = rule.roles;
  if (rule.mask) draft.mask = rule.mask;
  if (rule.scope) draft.scope = rule.scope;
  if (rule.requirePurpose) draft.requirePurpose = true;
  if (rule.reason) draft.reason = rule.reason;
  if (rule.grantsMayLift) draft.grantsMayLift = true;
  if (rule.when?.length) draft.when = rule.when.map((c) => ({ field: c.field, ...(c.in ? { in: c.in } : {}), ...(c.notIn ? { notIn: c.notIn } : {}) }));
  return draft;
}

/** A rule as schema/policy.yaml writes it: `when` is a map of record field to its test. */
function yamlRuleOf(rule: DraftRule): Record<string, unknown> {
  const { when, ...rest } = rule;
  const entry: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null && value !== undefined && value !== ''));
  if (rule.effect !== 'mask') delete entry.mask;
  if (!rule.roles?.length) delete entry.roles;
  if (when?.length) entry.when = Object.fromEntries(when.map((c) => [c.field, { ...(c.in ? { in: c.in } : {}), ...(c.notIn ? { notIn: c.notIn } : {}) }]));
  return entry;
}

/**
 * The whole policy with one field's rules replaced by the draft, as previewPolicy takes it: the draft
 * is checked by the access service against the composed schema and the version in force, as a publish
 * would be, without publishing anything.
 */
export function policyYamlWith(yamlInForce: string, field: string, draft: DraftRule[]): string {
  const document = parseDocument(yamlInForce);
  const rules = (document.toJS() as { rules: Record<string, unknown>[] }).rules;
  const others = rules.filter((rule) => rule.field !== field);
  document.set('rules', [...others, ...draft.map(yamlRuleOf)]);
  return document.toString();
}
