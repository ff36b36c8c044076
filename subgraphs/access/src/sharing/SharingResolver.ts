import { LockMode } from '@mikro-orm/core';
import { badUserInput, conflict, ErrorCode, notFound } from '@civic/runtime';
import { graphqlEnum, InputLimit, ListSized, requireId, requireText, type RequestContext } from '@civic/subgraph-kit';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { author, composedCatalog, ownersOf, requireDataOfficer } from '../governanceContext.js';
import { AccessGrant, isInForce } from './AccessGrant.js';
import { parseDuration } from './duration.js';
import { SharingRequest, SharingRequestStatus, type SharingRequestStatusValue } from './SharingRequest.js';

const RequestDirection = graphqlEnum(['INCOMING', 'OUTGOING'] as const, 'RequestDirection', 'Requests to your department (to decide) or from it.');

@InputType()
class RequestAccessInput {
  @Field(() => [String], { description: 'Type.field names, all owned by the same departments.' })
  fields: string[];

  @InputLimit({ maxLength: 500 })
  @Field({ description: 'Why the data is needed; it is shown to the owner and recorded with every read.' })
  purpose: string;

  @Field({ description: 'Grid-code prefix of the records concerned (a street, community...), empty for the whole city.' })
  scope: string;

  @Field({ description: 'How long, as an ISO 8601 duration: PT2H, P3D.' })
  duration: string;
}

@InputType()
class DecideSharingRequestInput {
  @Field(() => ID)
  id: string;

  @Field()
  approve: boolean;

  @InputLimit({ maxLength: 500 })
  @Field()
  reason: string;

  @Field(() => String, { nullable: true, description: 'A shorter duration than requested, when approving.' })
  duration?: string;
}

function checkFields(fields: string[]): void {
  if (fields.length === 0) throw badUserInput('input.fields', 'name at least one field');
  fields.forEach((field, i) => {
    const [typeName, fieldName] = field.split('.');
    const info = composedCatalog().get(typeName ?? '')?.fields.get(fieldName ?? '');
    if (!info) throw badUserInput(`input.fields[${i}]`, `no field ${field} in the composed schema`);
    if (info.classification === 'public') throw badUserInput(`input.fields[${i}]`, `${field} is public; every department can read it already`);
  });
}

@Resolver(() => SharingRequest)
export class SharingResolver {
  @Mutation(() => SharingRequest, { description: 'Asks the owners of some fields for time-limited access. Data officers only.' })
  async requestAccess(@Arg('input', () => RequestAccessInput) input: RequestAccessInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    checkFields(input.fields);
    const scope = input.scope.trim();
    if (scope !== '' && !/^\d{6,15}$/.test(scope)) throw badUserInput('input.scope', `must be a grid-tree code of 6 to 15 digits, or empty for the whole city; got "${input.scope}"`);
    const durationSeconds = parseDuration(input.duration, 'input.duration');
    const purpose = requireText(input.purpose, 'input.purpose', 500);
    const owners = await Promise.all(input.fields.map((f) => ownersOf(ctx, f)));
    if (owners.some((o) => o.join() !== owners[0]!.join())) throw badUserInput('input.fields', 'the fields have different owners; send one request per owner');
    if (owners[0]!.length === 0) throw badUserInput('input.fields', 'no department owns these fields');
    return ctx.em.transactional(async (em) => {
      const request = em.create(SharingRequest, {
        requestingDepartment: ctx.identity.department,
        requestedBy: author(ctx),
        ownerDepartments: owners[0]!,
        fields: [...new Set(input.fields)],
        purpose,
        scope,
        durationSeconds,
        status: 'PENDING',
        requestedAt: new Date(),
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        grantId: null,
      });
      await em.flush();
      return request;
    });
  }

  @Mutation(() => SharingRequest, { description: 'Approves (creating a grant in force at once) or rejects a request. Owners\' data officers only.' })
  async decideSharingRequest(@Arg('input', () => DecideSharingRequestInput) input: DecideSharingRequestInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const id = requireId(input.id, 'input.id');
    const reason = requireText(input.reason, 'input.reason', 500);
    return ctx.em.transactional(async (em) => {
      const request = await em.findOne(SharingRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!request) throw notFound('Sharing request', input.id, 'input.id');
      if (!request.ownerDepartments.includes(ctx.identity.department)) {
        throw new GraphQLError(`Only the data officers of ${request.ownerDepartments.join(' or ')} may decide this request`, { extensions: { code: 'FORBIDDEN' } });
      }
      if (request.status !== 'PENDING') throw conflict(ErrorCode.Conflict, `Request ${id} was already ${request.status.toLowerCase()}`, { status: request.status });
      const now = new Date();
      Object.assign(request, { status: input.approve ? 'APPROVED' : 'REJECTED', decidedBy: author(ctx), decidedAt: now, decisionReason: reason });
      if (input.approve) {
        const seconds = input.duration ? Math.min(parseDuration(input.duration, 'input.duration'), request.durationSeconds) : request.durationSeconds;
        const grant = em.create(AccessGrant, {
          requestId: request.id,
          department: request.requestingDepartment,
          fields: request.fields,
          scope: request.scope,
          purpose: request.purpose,
          validFrom: now,
          validUntil: new Date(now.getTime() + seconds * 1000),
          grantedBy: author(ctx),
          revokedAt: null,
        });
        await em.flush();
        request.grantId = grant.id;
      }
      await em.flush();
      return request;
    });
  }

  @Mutation(() => AccessGrant, { description: 'Ends a grant now. The owners\' data officers, or the grantee\'s.' })
  async revokeGrant(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    return ctx.em.transactional(async (em) => {
      const grant = await em.findOne(AccessGrant, { id: requireId(id, 'id') });
      if (!grant) throw notFound('Grant', id, 'id');
      const request = await em.findOneOrFail(SharingRequest, { id: grant.requestId });
      if (grant.department !== ctx.identity.department && !request.ownerDepartments.includes(ctx.identity.department)) {
        throw new GraphQLError('Only the owners or the grantee may revoke this grant', { extensions: { code: 'FORBIDDEN' } });
      }
      grant.revokedAt ??= new Date();
      await em.flush();
      return grant;
    });
  }

  @ListSized(100)
  @Query(() => [SharingRequest], { description: 'Your department\'s requests: INCOMING to decide, or OUTGOING that it sent. Newest first.' })
  sharingRequests(
    @Arg('direction', () => RequestDirection) direction: keyof typeof RequestDirection,
    @Arg('status', () => SharingRequestStatus, { nullable: true }) status: SharingRequestStatusValue | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    requireDataOfficer(ctx);
    const mine = direction === 'INCOMING' ? { ownerDepartments: { $contains: [ctx.identity.department] } } : { requestingDepartment: ctx.identity.department };
    return ctx.em.find(SharingRequest, { ...mine, ...(status ? { status } : {}) }, { orderBy: { id: 'desc' }, limit: 500 });
  }

  @ListSized(100)
  @Query(() => [AccessGrant], { description: 'Grants your department holds or has given. Newest first.' })
  async grants(@Arg('activeOnly', { defaultValue: false }) activeOnly: boolean, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const given = await ctx.em.find(SharingRequest, { ownerDepartments: { $contains: [ctx.identity.department] }, grantId: { $ne: null } });
    const grants = await ctx.em.find(AccessGrant, { $or: [{ department: ctx.identity.department }, { id: { $in: given.map((r) => r.grantId!) } }] }, { orderBy: { id: 'desc' }, limit: 500 });
    return activeOnly ? grants.filter((g) => isInForce(g)) : grants;
  }

  @FieldResolver(() => AccessGrant, { nullable: true, description: 'The grant an approval created.' })
  grant(@Root() request: SharingRequest, @Ctx() ctx: RequestContext) {
    return request.grantId === null ? null : ctx.em.findOne(AccessGrant, { id: request.grantId });
  }
}

@Resolver(() => AccessGrant)
export class GrantResolver {
  @FieldResolver(() => Boolean, { description: 'In force now: started, not expired, not revoked.' })
  active(@Root() grant: AccessGrant): boolean {
    return isInForce(grant);
  }
}
