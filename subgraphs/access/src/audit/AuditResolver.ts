import { badUserInput } from '@civic/runtime';
import { connectionType, PageArgs, PageSized, paginate, type RequestContext, requireId } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, GraphQLISODateTime, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { ownedSubgraphs, requireDataOfficer } from '../governanceContext.js';
import { AuditRecord } from './AuditRecord.js';
import { toCsv } from './csv.js';

const AuditRecordConnection = connectionType(AuditRecord, 'AuditRecord');
const CSV_LIMIT = 100_000;

@InputType({ description: 'Narrows the audit trail; all given conditions must hold.' })
class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Reads of this resident\'s fields.' })
  residentId?: string;

  @Field(() => String, { nullable: true })
  typeName?: string;

  @Field(() => String, { nullable: true })
  recordId?: string;

  @Field(() => String, { nullable: true })
  fieldName?: string;

  @Field(() => String, { nullable: true, description: 'The reading department.' })
  department?: string;

  @Field(() => String, { nullable: true })
  subject?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Exclusive.' })
  to?: Date;
}

/**
 * A data officer sees the reads made by their own department and the reads of the fields their
 * department owns, and nothing else.
 */
async function auditWhere(ctx: RequestContext, filter: AuditFilter | undefined): Promise<FilterQuery<AuditRecord>> {
  const owned = await ownedSubgraphs(ctx);
  const conditions: FilterQuery<AuditRecord>[] = [{ $or: [{ department: ctx.identity.department }, { subgraph: { $in: owned } }] }];
  if (filter?.residentId) conditions.push({ typeName: 'Resident', recordId: String(requireId(filter.residentId, 'filter.residentId')) });
  if (filter?.typeName) conditions.push({ typeName: filter.typeName });
  if (filter?.recordId) conditions.push({ recordId: filter.recordId });
  if (filter?.fieldName) conditions.push({ fieldName: filter.fieldName });
  if (filter?.department) conditions.push({ department: filter.department });
  if (filter?.subject) conditions.push({ subject: filter.subject });
  if (filter?.from) conditions.push({ at: { $gte: filter.from } });
  if (filter?.to) conditions.push({ at: { $lt: filter.to } });
  return { $and: conditions };
}

@Resolver(() => AuditRecord)
export class AuditResolver {
  @PageSized()
  @Query(() => AuditRecordConnection, { nullable: true, description: 'Who read what, when and why; oldest first. Data officers only.' })
  async auditRecords(@Args() page: PageArgs, @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | undefined, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    return paginate(ctx.em, AuditRecord, await auditWhere(ctx, filter), page);
  }

  @Query(() => String, { nullable: true, description: `The audit trail as CSV (RFC 4180), oldest first, at most ${CSV_LIMIT} rows.` })
  async auditCsv(
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | undefined,
    @Arg('limit', () => Int, { defaultValue: 10_000 }) limit: number,
    @Ctx() ctx: RequestContext,
  ) {
    requireDataOfficer(ctx);
    if (limit < 1 || limit > CSV_LIMIT) throw badUserInput('limit', `must be between 1 and ${CSV_LIMIT}`);
    const rows = await ctx.em.find(AuditRecord, await auditWhere(ctx, filter), { orderBy: { id: 'asc' }, limit });
    return toCsv(rows);
  }
}
