import { MAX_PURPOSE_CODE, PURPOSE_CODE, type Purpose } from '@civic/governance';
import { badUserInput, conflict, ErrorCode, notFound } from '@civic/runtime';
import { requireText, type RequestContext, ListSized } from '@civic/subgraph-kit';
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireDataOfficer } from '../governanceContext.js';
import { PolicyVersion } from './PolicyVersion.js';
import { currentPolicy, publish, versionOrFail } from './publish.js';

@ObjectType('Purpose', { description: 'A purpose of the catalogue: what x-access-purpose and a sharing request may name.' })
export class PurposeEntry {
  @Field({ description: 'The code to state, e.g. welfare-check.' })
  code: string;

  @Field()
  description: string;

  @Field({ description: 'A retired purpose may no longer be stated; it stays listed for the audit records that name it.' })
  retired: boolean;
}

export function purposeEntries(purposes: Purpose[] | undefined, includeRetired: boolean): PurposeEntry[] {
  return (purposes ?? []).filter((p) => includeRetired || !p.retired).map((p) => Object.assign(new PurposeEntry(), { code: p.code, description: p.description, retired: p.retired ?? false }));
}

@InputType()
class AddPurposeInput {
  @Field({ description: 'Lower-case words joined by hyphens, e.g. school-safety-drill.' })
  code: string;

  @Field()
  description: string;

  @Field()
  reason: string;

  @Field(() => Int, { description: 'The version you edited; adding fails if another was published since.' })
  baseVersion: number;
}

@InputType()
class RetirePurposeInput {
  @Field()
  code: string;

  @Field()
  reason: string;

  @Field(() => Int)
  baseVersion: number;
}

function purposeCode(value: string): string {
  const code = value.trim();
  if (!PURPOSE_CODE.test(code) || code.length > MAX_PURPOSE_CODE) throw badUserInput('input.code', `must be lower-case words joined by hyphens, at most ${MAX_PURPOSE_CODE} characters (e.g. welfare-check), got "${value}"`);
  return code;
}

/**
 * The purpose catalogue, kept in the policy itself: each change publishes a new version, so it is
 * versioned, diffed and rolled back like rules, and reaches the gateway and every subgraph with it.
 */
@Resolver()
export class PurposeResolver {
  @ListSized(50)
  @Query(() => [PurposeEntry], { nullable: true, description: 'The purpose catalogue in force: the codes x-access-purpose and sharing requests may name. Any signed-in user.' })
  async purposes(@Arg('includeRetired', { defaultValue: false }) includeRetired: boolean, @Ctx() ctx: RequestContext) {
    return purposeEntries((await currentPolicy(ctx)).document.purposes, includeRetired);
  }

  @Mutation(() => PolicyVersion, { nullable: true, description: 'Adds a purpose to the catalogue (or brings a retired one back, with this description) and publishes the result. Data officers only.' })
  async addPurpose(@Arg('input', () => AddPurposeInput) input: AddPurposeInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const code = purposeCode(input.code);
    const description = requireText(input.description, 'input.description', 500);
    const base = await versionOrFail(ctx, input.baseVersion, 'input.baseVersion');
    const purposes = base.document.purposes ?? [];
    if (purposes.some((p) => p.code === code && !p.retired)) throw conflict(ErrorCode.Conflict, `Purpose ${code} is already in the catalogue`, { field: 'input.code' });
    const next = [...purposes.filter((p) => p.code !== code), { code, description }];
    return publish(ctx, { ...base.document, purposes: next }, requireText(input.reason, 'input.reason', 500), input.baseVersion);
  }

  @Mutation(() => PolicyVersion, { nullable: true, description: 'Retires a purpose: it may no longer be stated or requested, and grants for it stop applying. Data officers only.' })
  async retirePurpose(@Arg('input', () => RetirePurposeInput) input: RetirePurposeInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const base = await versionOrFail(ctx, input.baseVersion, 'input.baseVersion');
    const purposes = base.document.purposes ?? [];
    if (!purposes.some((p) => p.code === input.code && !p.retired)) throw notFound('Purpose', input.code, 'input.code');
    const next = purposes.map((p) => (p.code === input.code ? { ...p, retired: true } : p));
    return publish(ctx, { ...base.document, purposes: next }, requireText(input.reason, 'input.reason', 500), input.baseVersion);
  }
}
