import type { Rule } from '@civic/governance';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A condition on the record: its field must (not) be one of the values.' })
@InputType('RuleConditionInput')
export class RuleCondition {
  @Field()
  field: string;

  @Field(() => [String], { nullable: true })
  in?: string[];

  @Field(() => [String], { nullable: true })
  notIn?: string[];
}

/** A rule as officers see and write it; the same shape as a rule of schema/policy.yaml. */
@ObjectType({ description: 'One rule of the policy.' })
@InputType('RuleInput')
export class PolicyRule {
  @Field({ description: 'Type.field of the composed schema.' })
  field: string;

  @Field(() => [String], { description: 'Department codes, or "*" for all.' })
  departments: string[];

  @Field(() => [String], { nullable: true })
  roles?: string[];

  @Field({ description: 'allow, mask or deny.' })
  effect: string;

  @Field(() => String, { nullable: true, description: 'Masking style, for mask rules.' })
  mask?: string;

  @Field(() => String, { nullable: true, description: 'everywhere (default) or jurisdiction.' })
  scope?: string;

  @Field(() => Boolean, { nullable: true })
  requirePurpose?: boolean;

  @Field(() => [RuleCondition], { nullable: true })
  when?: RuleCondition[];

  @Field(() => String, { nullable: true })
  reason?: string;

  @Field(() => Boolean, { nullable: true, description: 'On a deny rule: whether an approved grant may lift it (the owner\'s choice; default false).' })
  grantsMayLift?: boolean;
}

@ObjectType({ description: 'A rule and its position in the policy.' })
export class NumberedRule extends PolicyRule {
  @Field(() => Int)
  index: number;
}

export function toPolicyRule(rule: Rule): PolicyRule {
  const when = rule.when ? Object.entries(rule.when).map(([field, test]) => Object.assign(new RuleCondition(), { field, ...test })) : undefined;
  return Object.assign(new PolicyRule(), { ...rule, ...(when ? { when } : {}) });
}

/** The stored form of a rule written through the API: only the settings given, as in the YAML file. */
export function fromPolicyRule(input: PolicyRule): Record<string, unknown> {
  const rule: Record<string, unknown> = { field: input.field, departments: input.departments, effect: input.effect };
  for (const key of ['roles', 'mask', 'scope', 'requirePurpose', 'reason', 'grantsMayLift'] as const) {
    if (input[key] !== undefined && input[key] !== null) rule[key] = input[key];
  }
  if (input.when?.length) {
    rule.when = Object.fromEntries(input.when.map((c) => [c.field, { ...(c.in ? { in: c.in } : {}), ...(c.notIn ? { notIn: c.notIn } : {}) }]));
  }
  return rule;
}
