import { matrixChanges, type PolicyDocument } from '@civic/governance';
import { InputLimit, ListSized, Parent, type RequestContext, requireText } from '@civic/subgraph-kit';
import { GraphQLError } from 'graphql';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { governorOf, requireDataOfficer } from '../governanceContext.js';
import { cellChangeView, MatrixCellChange } from '../matrix/MatrixCellChange.js';
import { matrixUnder } from '../matrix/MatrixResolver.js';
import { diffPolicies } from './diff.js';
import { NumberedRule, PolicyRule, fromPolicyRule, toPolicyRule } from './PolicyRule.js';
import { PolicyVersion } from './PolicyVersion.js';
import { checkDocument, currentPolicy, fieldsOutsideOwnership, publish, versionOrFail } from './publish.js';
import { PurposeEntry, purposeEntries } from './PurposeResolver.js';

@ObjectType({ description: 'What changes between two versions.' })
export class PolicyDiff {
  @ListSized(200)
  @Field(() => [PolicyRule])
  added: PolicyRule[];

  @ListSized(200)
  @Field(() => [PolicyRule])
  removed: PolicyRule[];

  @Field(() => Int)
  unchanged: number;
}

@ObjectType()
export class PolicyProblem {
  @Field({ description: 'Where, e.g. rules[3].mask.' })
  path: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'A proposed policy checked against the composed schema and the version in force, without publishing it.' })
export class PolicyPreview {
  @Field()
  valid: boolean;

  @ListSized(200)
  @Field(() => [PolicyProblem])
  problems: PolicyProblem[];

  @Field(() => PolicyDiff, { nullable: true, description: 'The change against the version in force, when valid.' })
  diff: PolicyDiff | null;

  @Field(() => [String], { description: 'Fields the change touches that your department does not own: publishing would be refused.' })
  fieldsNotYours: string[];

  // At most every classified field against every department: 100 x 10 in a city's policy.
  @ListSized(1000)
  @Field(() => [MatrixCellChange], { description: "What each department's officers would then see, where it changes (role officer), when valid." })
  changes: MatrixCellChange[];
}

/** The demo policy is under 10 kB; a city's stays far below this. */
const POLICY_YAML_MAX_LENGTH = 200_000;

@ObjectType({ description: 'One entry of field ownership: its data officer sets the rules and decides requests.' })
export class FieldOwner {
  @Field({ description: 'A type (the default owner of its fields) or Type.field (an override).' })
  entry: string;

  @Field()
  department: string;
}

@InputType()
class PublishPolicyInput {
  @InputLimit({ maxLength: POLICY_YAML_MAX_LENGTH })
  @Field({ description: 'The whole policy, in the YAML format of schema/policy.yaml.' })
  yaml: string;

  @InputLimit({ maxLength: 500 })
  @Field()
  reason: string;

  @Field(() => Int, { description: 'The version you edited; publishing fails if another was published since.' })
  baseVersion: number;
}

@InputType()
class SetFieldRulesInput {
  @Field({ description: 'Type.field whose rules are replaced.' })
  field: string;

  @Field(() => [PolicyRule], { description: 'The field\'s new rules; an empty list leaves it denied to all.' })
  rules: PolicyRule[];

  @InputLimit({ maxLength: 500 })
  @Field()
  reason: string;

  @Field(() => Int)
  baseVersion: number;
}

@InputType()
class RollbackPolicyInput {
  @Field(() => Int)
  toVersion: number;

  @InputLimit({ maxLength: 500 })
  @Field()
  reason: string;
}

function parsePolicyYaml(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new GraphQLError(`input.yaml: is not YAML (${(error as Error).message})`, { extensions: { code: 'BAD_USER_INPUT', field: 'input.yaml' } });
  }
}

function diffOf(from: PolicyDocument, to: PolicyDocument): PolicyDiff {
  const diff = diffPolicies(from, to);
  return Object.assign(new PolicyDiff(), { added: diff.added.map(toPolicyRule), removed: diff.removed.map(toPolicyRule), unchanged: diff.unchanged });
}

@Resolver(() => PolicyVersion)
export class PolicyResolver {
  @Query(() => PolicyVersion, { nullable: true, description: 'A policy version; the one in force when no version is given. Data officers only.' })
  async policy(@Arg('version', () => Int, { nullable: true }) version: number | undefined, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    return version === undefined || version === null ? currentPolicy(ctx) : versionOrFail(ctx, version, 'version');
  }

  @ListSized(50)
  @Query(() => [PolicyVersion], { nullable: true, description: 'Every published version, newest first. Data officers only.' })
  policyVersions(@Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    return ctx.em.find(PolicyVersion, {}, { orderBy: { version: 'desc' }, limit: 200 });
  }

  @Query(() => PolicyDiff, { nullable: true, description: 'The rules added and removed from one version to another.' })
  async policyDiff(@Arg('from', () => Int) from: number, @Arg('to', () => Int) to: number, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    return diffOf((await versionOrFail(ctx, from, 'from')).document, (await versionOrFail(ctx, to, 'to')).document);
  }

  @Query(() => PolicyPreview, { nullable: true, description: 'Checks a proposed policy (YAML) without publishing it: problems by path, the change, and fields you may not change.' })
  async previewPolicy(@InputLimit({ maxLength: POLICY_YAML_MAX_LENGTH }) @Arg('yaml') yaml: string, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const { document, problems } = checkDocument(parsePolicyYaml(yaml));
    const current = await currentPolicy(ctx);
    const changes = document ? matrixChanges(await matrixUnder(ctx, current.document, current.version, 'officer'), await matrixUnder(ctx, document, current.version + 1, 'officer')) : [];
    return Object.assign(new PolicyPreview(), {
      valid: problems.length === 0,
      problems,
      diff: document ? diffOf(current.document, document) : null,
      fieldsNotYours: document ? fieldsOutsideOwnership(await governorOf(ctx), current.document, document) : [],
      changes: changes.map(cellChangeView),
    });
  }

  @Mutation(() => PolicyVersion, { nullable: true, description: 'Publishes a whole policy as a new version. It takes effect in every subgraph within seconds.' })
  publishPolicy(@Arg('input', () => PublishPolicyInput) input: PublishPolicyInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    return publish(ctx, parsePolicyYaml(input.yaml), requireText(input.reason, 'input.reason', 500), input.baseVersion);
  }

  @Mutation(() => PolicyVersion, { nullable: true, description: 'Replaces the rules of one field and publishes the result as a new version.' })
  async setFieldRules(@Arg('input', () => SetFieldRulesInput) input: SetFieldRulesInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const base = await versionOrFail(ctx, input.baseVersion, 'input.baseVersion');
    input.rules.forEach((rule, i) => {
      if (rule.field !== input.field) throw new GraphQLError(`input.rules[${i}].field: must be ${input.field}`, { extensions: { code: 'BAD_USER_INPUT', field: `input.rules[${i}].field` } });
    });
    const rules = [...base.document.rules.filter((r) => r.field !== input.field), ...input.rules.map(fromPolicyRule)];
    return publish(ctx, { ...base.document, rules }, requireText(input.reason, 'input.reason', 500), input.baseVersion);
  }

  @Mutation(() => PolicyVersion, { nullable: true, description: 'Publishes a copy of an earlier version as the newest one.' })
  async rollbackPolicy(@Arg('input', () => RollbackPolicyInput) input: RollbackPolicyInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const target = await versionOrFail(ctx, input.toVersion, 'input.toVersion');
    const current = await currentPolicy(ctx);
    return publish(ctx, target.document, requireText(input.reason, 'input.reason', 500), current.version);
  }

  @ListSized(200)
  @FieldResolver(() => [NumberedRule])
  rules(@Parent() version: PolicyVersion): NumberedRule[] {
    return version.document.rules.map((rule, index) => Object.assign(new NumberedRule(), { ...toPolicyRule(rule), index }));
  }

  @ListSized(50)
  @FieldResolver(() => [PurposeEntry], { description: 'The purpose catalogue of this version.' })
  purposes(@Arg('includeRetired', { defaultValue: false }) includeRetired: boolean, @Parent() version: PolicyVersion): PurposeEntry[] {
    return purposeEntries(version.document.purposes, includeRetired);
  }

  @ListSized(100)
  @FieldResolver(() => [FieldOwner], { description: 'Who owns what: a type (the default for its fields) or Type.field, and its department.' })
  owners(@Parent() version: PolicyVersion): FieldOwner[] {
    return Object.entries(version.document.owners ?? {}).map(([entry, department]) => Object.assign(new FieldOwner(), { entry, department }));
  }

  @FieldResolver(() => String, { description: 'The version as YAML, ready to edit and publish.' })
  yaml(@Parent() version: PolicyVersion): string {
    return toYaml(version.document);
  }
}
