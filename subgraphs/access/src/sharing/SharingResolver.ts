import { LockMode } from '@mikro-orm/core';
import { denyNoGrantLifts, isAction, isStatablePurpose, ownerOf, statablePurposes, type PolicyDocument } from '@civic/governance';
import { badUserInput, conflict, ErrorCode, notFound, type Department } from '@civic/runtime';
import { graphqlEnum, InputLimit, ListSized, optionalText, Parent, type RequestContext, requireId, requireText } from '@civic/subgraph-kit';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { author, composedCatalog, requireDataOfficer } from '../governanceContext.js';
import { currentPolicy } from '../policies/publish.js';
import { AccessGrant, isInForce } from './AccessGrant.js';
import { parseDuration } from './duration.js';
import { SharingRequest, SharingRequestStatus, type SharingRequestStatusValue } from './SharingRequest.js';

const RequestDirection = graphqlEnum(['INCOMING', 'OUTGOING'] as const, 'RequestDirection', 'Requests to your department (to decide) or from it.');

@InputType()
class RequestAccessInput {
  @Field(() => [String], { description: 'Type.field names, all owned by the same department.' })
  fields: string[];

  @Field({ description: 'A purpose code of the catalogue (`purposes`): the grant holds only while a caller states it in x-access-purpose.' })
  purpose: string;

  @InputLimit({ maxLength: 500 })
  @Field(() => String, { nullable: true, description: 'Why the data is needed, in your words, for the owner who decides (e.g. the flood warning).' })
  justification?: string;

  @Field(() => [String], { nullable: true, description: 'Token subjects (sub) the grant is for; omitted, every user of your department.' })
  users?: string[];

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

  @Field(() => String, { nullable: true, description: 'A narrower scope than requested, when approving: a grid-tree code inside the requested one.' })
  scope?: string;
}

const MAX_USERS = 50;
const SCOPE_PATTERN = /^\d{6,15}$/;

function checkScope(value: string, field: string): string {
  const scope = value.trim();
  if (scope !== '' && !SCOPE_PATTERN.test(scope)) throw badUserInput(field, `must be a grid-tree code of 6 to 15 digits, or empty for the whole city; got "${value}"`);
  return scope;
}

/** An owner may approve less than was asked, never more: the scope granted lies inside the one requested. */
function approvedScope(request: SharingRequest, value: string | undefined): string {
  if (value === undefined || value === null) return request.scope;
  const scope = checkScope(value, 'input.scope');
  if (!scope.startsWith(request.scope)) throw badUserInput('input.scope', `must lie inside the requested scope "${request.scope || 'the whole city'}"; got "${value}"`);
  return scope;
}

function checkFields(fields: string[]): void {
  if (fields.length === 0) throw badUserInput('input.fields', 'name at least one field');
  fields.forEach((field, i) => {
    const [typeName, fieldName] = field.split('.');
    const info = composedCatalog().get(typeName ?? '')?.fields.get(fieldName ?? '');
    if (!info) throw badUserInput(`input.fields[${i}]`, `no field ${field} in the composed schema`);
    if (isAction(field)) throw badUserInput(`input.fields[${i}]`, `${field} is an action; grants share fields to read, and actions follow their rules alone`);
    if (info.classification === 'public') throw badUserInput(`input.fields[${i}]`, `${field} is public; every department can read it already`);
  });
}

function checkPurpose(document: PolicyDocument, value: string): string {
  const code = value.trim();
  if (isStatablePurpose(document, code)) return code;
  const codes = statablePurposes(document).map((p) => p.code);
  throw badUserInput('input.purpose', `"${value}" is not a purpose of the catalogue; name one of ${codes.join(', ')} (query purposes { code description })`);
}

function checkUsers(users: string[] | undefined): string[] {
  if (!users) return [];
  if (users.length > MAX_USERS) throw badUserInput('input.users', `name at most ${MAX_USERS} users`);
  return [...new Set(users.map((user, i) => requireText(user, `input.users[${i}]`, 200)))];
}

/**
 * The one department deciding on the fields: their owner in the policy in force. A request to oneself,
 * or for a field an explicit deny closes to grants, is refused here rather than left to wait.
 */
function ownerDeciding(document: PolicyDocument, fields: string[], requester: string): string {
  const owners = fields.map((field) => ownerOf(document, field));
  if (owners.some((owner) => owner !== owners[0])) throw badUserInput('input.fields', 'the fields have different owners; send one request per owner');
  const owner = owners[0];
  if (!owner) throw badUserInput('input.fields', 'no department owns these fields');
  if (owner === requester) throw badUserInput('input.fields', `your department owns ${fields.join(', ')}; change its rules (setFieldRules) instead of requesting access`);
  for (const field of fields) {
    const deny = denyNoGrantLifts(document, field, requester);
    if (deny) {
      throw new GraphQLError(`${field} is denied to ${requester} by rule ${document.rules.indexOf(deny)}${deny.reason ? ` ("${deny.reason}")` : ''}, which grants may not lift; only ${owner} can change that rule`, {
        extensions: { code: ErrorCode.Forbidden, field },
      });
    }
  }
  return owner;
}

/**
 * Only the data officer of the field's owner decides, by the policy in force now (ownership may have
 * moved since the request was sent), and never on a request of their own department.
 */
function mayDecide(department: string, request: SharingRequest, document: PolicyDocument): void {
  const owners = new Set(request.fields.map((field) => ownerOf(document, field)));
  if (request.requestingDepartment === department) {
    throw new GraphQLError('No department decides its own request; the owner of the fields does', { extensions: { code: ErrorCode.Forbidden } });
  }
  if (owners.size !== 1 || !owners.has(department as Department)) {
    throw new GraphQLError(`Only the data officer of ${[...owners].join(' and ')}, the owner of ${request.fields.join(', ')}, may decide this request`, { extensions: { code: ErrorCode.Forbidden } });
  }
}

@Resolver(() => SharingRequest)
export class SharingResolver {
  @Mutation(() => SharingRequest, { nullable: true, description: 'Asks the owners of some fields for time-limited access. Data officers only.' })
  async requestAccess(@Arg('input', () => RequestAccessInput) input: RequestAccessInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    checkFields(input.fields);
    const scope = checkScope(input.scope, 'input.scope');
    const durationSeconds = parseDuration(input.duration, 'input.duration');
    const { document } = await currentPolicy(ctx);
    const purpose = checkPurpose(document, input.purpose);
    const owner = ownerDeciding(document, input.fields, ctx.identity.department);
    const subjects = checkUsers(input.users);
    const justification = optionalText(input.justification, 'input.justification', 500);
    return ctx.em.transactional(async (em) => {
      const request = em.create(SharingRequest, {
        requestingDepartment: ctx.identity.department,
        requestedBy: author(ctx),
        ownerDepartments: [owner],
        fields: [...new Set(input.fields)],
        purpose,
        justification,
        subjects,
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

  @Mutation(() => SharingRequest, { nullable: true, description: 'Approves (creating a grant in force at once) or rejects a request. Owners\' data officers only.' })
  async decideSharingRequest(@Arg('input', () => DecideSharingRequestInput) input: DecideSharingRequestInput, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const id = requireId(input.id, 'input.id');
    const reason = requireText(input.reason, 'input.reason', 500);
    // Read before the transaction: on PGlite the transaction holds the only connection.
    const { document } = await currentPolicy(ctx);
    return ctx.em.transactional(async (em) => {
      const request = await em.findOne(SharingRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!request) throw notFound('Sharing request', input.id, 'input.id');
      mayDecide(ctx.identity.department, request, document);
      if (request.status !== 'PENDING') throw conflict(ErrorCode.Conflict, `Request ${id} was already ${request.status.toLowerCase()}`, { status: request.status });
      const now = new Date();
      Object.assign(request, { status: input.approve ? 'APPROVED' : 'REJECTED', decidedBy: author(ctx), decidedAt: now, decisionReason: reason });
      if (input.approve) {
        const scope = approvedScope(request, input.scope);
        const seconds = input.duration ? Math.min(parseDuration(input.duration, 'input.duration'), request.durationSeconds) : request.durationSeconds;
        const grant = em.create(AccessGrant, {
          requestId: request.id,
          department: request.requestingDepartment,
          fields: request.fields,
          scope,
          purpose: request.purpose,
          subjects: request.subjects,
          validFrom: now,
          validUntil: new Date(now.getTime() + seconds * 1000),
          grantedBy: author(ctx),
          revokedAt: null,
          revokedBy: null,
          revocationReason: null,
        });
        await em.flush();
        request.grantId = grant.id;
      }
      await em.flush();
      return request;
    });
  }

  @Mutation(() => AccessGrant, { nullable: true, description: 'Ends a grant now. The owners\' data officers, or the grantee\'s.' })
  async revokeGrant(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why the grant ends early, kept with it for the other side and the audit.' }) reason: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    requireDataOfficer(ctx);
    const revocationReason = optionalText(reason, 'reason', 500);
    return ctx.em.transactional(async (em) => {
      const grant = await em.findOne(AccessGrant, { id: requireId(id, 'id') });
      if (!grant) throw notFound('Grant', id, 'id');
      const request = await em.findOneOrFail(SharingRequest, { id: grant.requestId });
      if (grant.department !== ctx.identity.department && !request.ownerDepartments.includes(ctx.identity.department)) {
        throw new GraphQLError('Only the owners or the grantee may revoke this grant', { extensions: { code: 'FORBIDDEN' } });
      }
      if (!grant.revokedAt) Object.assign(grant, { revokedAt: new Date(), revokedBy: author(ctx), revocationReason });
      await em.flush();
      return grant;
    });
  }

  @ListSized(100)
  @Query(() => [SharingRequest], { nullable: true, description: 'Your department\'s requests: INCOMING to decide, or OUTGOING that it sent. Newest first.' })
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
  @Query(() => [AccessGrant], { nullable: true, description: 'Grants your department holds or has given. Newest first.' })
  async grants(@Arg('activeOnly', { defaultValue: false }) activeOnly: boolean, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const given = await ctx.em.find(SharingRequest, { ownerDepartments: { $contains: [ctx.identity.department] }, grantId: { $ne: null } });
    const grants = await ctx.em.find(AccessGrant, { $or: [{ department: ctx.identity.department }, { id: { $in: given.map((r) => r.grantId!) } }] }, { orderBy: { id: 'desc' }, limit: 500 });
    return activeOnly ? grants.filter((g) => isInForce(g)) : grants;
  }

  @Query(() => AccessGrant, { name: 'grant', nullable: true, description: 'One grant your department holds or has given (NOT_FOUND otherwise). Data officers only.' })
  async grantById(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    const grant = await ctx.em.findOne(AccessGrant, { id: requireId(id, 'id') });
    const request = grant && (await ctx.em.findOne(SharingRequest, { id: grant.requestId }));
    const department = ctx.identity.department;
    // Another department's grant is answered exactly as a missing one: its existence is not theirs to learn.
    if (!grant || !request || (grant.department !== department && !request.ownerDepartments.includes(department))) throw notFound('Grant', id, 'id');
    return grant;
  }

  @FieldResolver(() => AccessGrant, { nullable: true, description: 'The grant an approval created.' })
  grant(@Parent() request: SharingRequest, @Ctx() ctx: RequestContext) {
    return request.grantId === null ? null : ctx.em.findOne(AccessGrant, { id: request.grantId });
  }
}

@Resolver(() => AccessGrant)
export class GrantResolver {
  @FieldResolver(() => Boolean, { description: 'In force now: started, not expired, not revoked.' })
  active(@Parent() grant: AccessGrant): boolean {
    return isInForce(grant);
  }
}
