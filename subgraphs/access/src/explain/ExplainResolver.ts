import { classifiedFields, PolicyEngine } from '@civic/governance';
import { isDepartment, isJurisdiction, isRole, badUserInput } from '@civic/runtime';
import { InputLimit, ListSized, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Ctx, Field, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { composedCatalog, requireDataOfficer } from '../governanceContext.js';
import { currentPolicy } from '../policies/publish.js';
import { AccessGrant, toEnforcedGrant } from '../sharing/AccessGrant.js';
import { explain } from './explain.js';

@InputType({ description: 'Whose view to preview, and of which operation.' })
class ExplainAccessInput {
  @Field()
  department: string;

  @Field({ defaultValue: 'officer' })
  role: string;

  @Field(() => String, { nullable: true, description: 'A grid-tree code, for users bounded to a jurisdiction.' })
  jurisdiction?: string;

  @Field(() => String, { nullable: true, description: 'A stated purpose, which grants require.' })
  purpose?: string;

  @Field(() => String, { nullable: true, description: 'A user (token subject), for grants that name the users they are for.' })
  user?: string;

  @InputLimit({ maxLength: 20_000 })
  @Field({ description: 'The GraphQL operation, as an app would send it.' })
  operation: string;
}

@ObjectType({ description: 'What one field of an operation would give the previewed caller, and why; for a mutation, whether the caller may run it.' })
class FieldAccess {
  @Field({ description: 'Response path, e.g. residents.edges.node.phone.' })
  path: string;

  @Field()
  typeName: string;

  @Field()
  fieldName: string;

  @Field({ description: 'public, internal, sensitive or highly_sensitive; action for a mutation.' })
  classification: string;

  @Field({ description: 'PUBLIC, ALLOW, MASK, DENY or OUT_OF_SCOPE (allowed only inside a jurisdiction the caller lacks). For a mutation: ALLOW (may run it), DENY or OUT_OF_SCOPE.' })
  decision: string;

  @Field(() => String, { nullable: true })
  mask: string | null;

  @Field(() => Int, { nullable: true, description: 'The deciding rule\'s index in the policy; null for the default deny.' })
  ruleIndex: number | null;

  @Field(() => String, { nullable: true })
  ruleReason: string | null;

  @Field(() => Int, { nullable: true, description: 'The grant that allows it, when one does.' })
  grantId: number | null;

  @Field(() => [String], { description: 'Rules that depend on the record itself, e.g. its category.' })
  conditions: string[];

  @Field({ description: 'Why, in words: the deciding rule or grant, or what denied it by default. Never a record value.' })
  reason: string;
}

@Resolver()
export class ExplainResolver {
  @ListSized(200)
  @Query(() => [FieldAccess], { nullable: true, description: 'Previews what a department would see for an operation, field by field, without reading data.' })
  async explainAccess(@Arg('input', () => ExplainAccessInput) input: ExplainAccessInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    if (!isDepartment(input.department)) throw badUserInput('input.department', `unknown department "${input.department}"`);
    if (!isRole(input.role)) throw badUserInput('input.role', `unknown role "${input.role}"`);
    if (input.jurisdiction && !isJurisdiction(input.jurisdiction)) throw badUserInput('input.jurisdiction', 'must be a grid-tree code of 6 to 18 digits');
    const catalog = composedCatalog();
    const current = await currentPolicy(ctx);
    const grants = await ctx.em.find(AccessGrant, { revokedAt: null, validUntil: { $gt: new Date() } });
    const engine = new PolicyEngine(current.document, classifiedFields(catalog), grants.map(toEnforcedGrant), current.version);
    const identity = {
      subject: input.user ?? 'preview',
      department: input.department,
      roles: [input.role],
      ...(input.jurisdiction ? { jurisdiction: input.jurisdiction } : {}),
      ...(input.purpose ? { purpose: input.purpose } : {}),
    };
    return explain(input.operation, identity, engine, catalog);
  }
}
