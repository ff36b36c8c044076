import { SHARING_CLASSES, type Decision, type SharingClass } from '@civic/governance';
import { badUserInput, type EntityManager } from '@civic/runtime';
import { graphqlEnum, InputLimit, ListSized, requireText, type RequestContext } from '@civic/subgraph-kit';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { author, composedApiSchema, composedCatalog, requireDataOfficer } from '../governanceContext.js';
import { currentPolicy } from '../policies/publish.js';
import { catalogueFor, type CatalogueItem } from './catalogue.js';
import { SharingClassOverride } from './SharingClassOverride.js';

const toEnumValue = (value: SharingClass) => value.toUpperCase().replace('-', '_') as 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';
const fromEnumValue = (value: string) => value.toLowerCase().replace('_', '-') as SharingClass;

const SharingClassEnum = graphqlEnum(SHARING_CLASSES.map(toEnumValue) as ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'], 'SharingClass', 'Shared with every department as it is, shared on conditions (masked, in a jurisdiction, for a purpose, on request), or not shared.');
const SharingClassSource = graphqlEnum(['POLICY', 'OWNER'] as const, 'SharingClassSource', 'Derived from the policy in force, or declared by the owner\'s data officer.');

@ObjectType('CatalogueDecision', { description: 'What the caller gets of a field on one record.' })
class CatalogueDecision {
  @Field({ description: 'ALLOW, MASK or DENY.' })
  effect: string;

  @Field(() => String, { nullable: true, description: 'The masking style, for MASK.' })
  mask: string | null;

  @Field({ description: 'Why: the deciding rule and its reason, the grant, or that no rule allows it.' })
  reason: string;
}

@ObjectType('CatalogueAccess', { description: 'What the caller gets of a field, inside their jurisdiction and outside it.' })
class CatalogueAccess {
  @Field(() => CatalogueDecision)
  inside: CatalogueDecision;

  @Field(() => CatalogueDecision)
  outside: CatalogueDecision;
}

@ObjectType('CatalogueEntry', { description: 'One field of the departments\' data: who owns it, what it is, on what terms it is shared, and what you get of it.' })
class CatalogueEntry {
  @Field({ description: 'Type.field' })
  field: string;

  @Field()
  typeName: string;

  @Field()
  fieldName: string;

  @Field(() => String, { nullable: true, description: 'The subgraph that resolves it; null when several do (an entity\'s key).' })
  subgraph: string | null;

  @Field(() => String, { nullable: true, description: 'The department answerable for it: the policy\'s owner, else the owner of its subgraph.' })
  owner: string | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field({ description: 'public, internal, sensitive or highly_sensitive.' })
  classification: string;

  @Field(() => SharingClassEnum, { description: 'The owner\'s declared class when there is one, else the derived one.' })
  sharingClass: string;

  @Field(() => SharingClassEnum, { description: 'What the policy in force implies for the other departments\' officers.' })
  derivedSharingClass: string;

  @Field(() => SharingClassSource)
  sharingClassSource: string;

  @Field(() => String, { nullable: true, description: 'The owner\'s reason for the declared class.' })
  sharingClassReason: string | null;

  @Field(() => CatalogueAccess, { description: 'What you get of it, as the policy and grants in force decide for your token.' })
  yourAccess: CatalogueAccess;

  @Field(() => String, { nullable: true, description: 'How to get more of it, in words; null when you get it in full.' })
  howToGetMore: string | null;
}

@InputType()
class CatalogueFilter {
  @Field(() => String, { nullable: true })
  subgraph?: string;

  @Field(() => String, { nullable: true, description: 'A department code.' })
  owner?: string;

  @Field(() => SharingClassEnum, { nullable: true })
  sharingClass?: string;

  @InputLimit({ maxLength: 100 })
  @Field(() => String, { nullable: true, description: 'Words found in the field\'s name or description (case-insensitive).' })
  search?: string;
}

@InputType()
class SetSharingClassInput {
  @Field({ description: 'Type.field, a field your department owns.' })
  field: string;

  @Field(() => SharingClassEnum, { nullable: true, description: 'The class to publish; null returns to the one the policy implies.' })
  sharingClass?: string | null;

  @InputLimit({ maxLength: 500 })
  @Field({ description: 'Why, for the departments reading the catalogue.' })
  reason: string;
}

const decisionView = (decision: Decision): CatalogueDecision => ({ effect: decision.effect.toUpperCase(), mask: decision.mask ?? null, reason: decision.reason });

export const entryView = ({ override, ...item }: CatalogueItem): CatalogueEntry => ({
  ...item,
  sharingClass: toEnumValue((override?.sharingClass as SharingClass | undefined) ?? item.derivedSharingClass),
  derivedSharingClass: toEnumValue(item.derivedSharingClass),
  sharingClassSource: override ? 'OWNER' : 'POLICY',
  sharingClassReason: override?.reason ?? null,
  yourAccess: { inside: decisionView(item.yourAccess.inside), outside: decisionView(item.yourAccess.outside) },
});

function passes(entry: CatalogueEntry, filter: CatalogueFilter | undefined): boolean {
  if (!filter) return true;
  const words = filter.search?.toLowerCase();
  return (
    (!filter.subgraph || entry.subgraph === filter.subgraph) &&
    (!filter.owner || entry.owner === filter.owner) &&
    (!filter.sharingClass || entry.sharingClass === filter.sharingClass) &&
    (!words || entry.field.toLowerCase().includes(words) || (entry.description ?? '').toLowerCase().includes(words))
  );
}

/** The whole catalogue as `ctx`'s caller sees it. */
export async function catalogueEntries(ctx: { em: EntityManager; identity: RequestContext['identity'] }): Promise<CatalogueEntry[]> {
  const policy = await currentPolicy(ctx as RequestContext);
  return (await catalogueFor(ctx.em, ctx.identity, policy, composedCatalog(), composedApiSchema())).map(entryView);
}

@Resolver()
export class CatalogueResolver {
  // The demo graph has about 250 data fields; a city's, a few hundred more.
  @ListSized(1000)
  @Query(() => [CatalogueEntry], { description: 'The data catalogue: every field of the departments\' data, its owner, classification and sharing class, and what you get of it. Any signed-in user; also GET /exports/catalogue.csv and .json.' })
  async dataCatalogue(@Arg('filter', () => CatalogueFilter, { nullable: true }) filter: CatalogueFilter | undefined, @Ctx() ctx: RequestContext): Promise<CatalogueEntry[]> {
    return (await catalogueEntries(ctx)).filter((entry) => passes(entry, filter));
  }

  @Mutation(() => CatalogueEntry, { description: 'Declares the sharing class your department publishes for one of its fields, or (null) returns to the derived one. It changes the catalogue, not the rules. The owner\'s data officers only.' })
  async setSharingClass(@Arg('input', () => SetSharingClassInput) input: SetSharingClassInput, @Ctx() ctx: RequestContext): Promise<CatalogueEntry> {
    requireDataOfficer(ctx);
    const reason = requireText(input.reason, 'input.reason', 500);
    const current = (await catalogueEntries(ctx)).find((entry) => entry.field === input.field);
    if (!current) throw badUserInput('input.field', `"${input.field}" is not a field of the catalogue (dataCatalogue lists them)`);
    if (current.owner !== ctx.identity.department) {
      throw new GraphQLError(`Only ${current.owner ?? 'its owner'}'s data officers may declare ${input.field}'s sharing class`, { extensions: { code: 'FORBIDDEN' } });
    }
    await ctx.em.transactional(async (em) => {
      const existing = await em.findOne(SharingClassOverride, { field: input.field });
      if (!input.sharingClass) {
        if (existing) em.remove(existing);
      } else if (existing) {
        Object.assign(existing, { sharingClass: fromEnumValue(input.sharingClass), reason, setBy: author(ctx), setAt: new Date() });
      } else {
        em.create(SharingClassOverride, { field: input.field, sharingClass: fromEnumValue(input.sharingClass), reason, setBy: author(ctx), setAt: new Date() });
      }
      await em.flush();
    });
    ctx.em.clear();
    return (await catalogueEntries(ctx)).find((entry) => entry.field === input.field)!;
  }
}
