import { type IncidentSource as IncidentSourceValue, type IncidentStatus as IncidentStatusValue } from '../vocabulary.js';
import { mayRead, type PolicyContext } from '@civic/governance';
import { RISK_TYPES, containsPattern, gridPrefixCondition, isGiven, requireId, type RiskType as RiskTypeValue, type Severity as SeverityValue } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { IncidentSource, IncidentStatus, RiskType, Severity } from './enums.js';
import type { Incident } from './Incident.js';

@InputType({ description: 'Narrows a list of incidents; all given conditions must hold.' })
export class IncidentFilter {
  @Field(() => String, { nullable: true, description: 'Only incidents whose grid code starts with this (a district, street, community or grid code).' })
  gridCodePrefix?: string;

  @Field(() => RiskType, { nullable: true })
  category?: RiskTypeValue;

  @Field(() => [IncidentStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: IncidentStatusValue[];

  @Field(() => Severity, { nullable: true })
  severity?: SeverityValue;

  @Field(() => IncidentSource, { nullable: true })
  source?: IncidentSourceValue;

  @Field(() => ID, { nullable: true })
  buildingId?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Reported at or after this instant.' })
  reportedFrom?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Reported before this instant.' })
  reportedTo?: Date;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the title or description.' })
  textContains?: string;
}

/**
 * Searching descriptions reveals them, so a text search looks into the descriptions of only those
 * risk types whose descriptions the caller may read (a fire officer's search skips petitions).
 */
function descriptionReadableCategories(ctx: PolicyContext): RiskTypeValue[] {
  const gridCode = ctx.identity.jurisdiction ?? '';
  return RISK_TYPES.filter((category) => mayRead(ctx, 'Incident.description', { category, gridCode }));
}

export function incidentWhere(filter: IncidentFilter | undefined | null, ctx: PolicyContext): FilterQuery<Incident> {
  if (!filter) return {};
  const conditions: FilterQuery<Incident>[] = [];
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  if (filter.category) conditions.push({ category: filter.category });
  if (filter.status) conditions.push({ status: { $in: filter.status } });
  if (filter.severity) conditions.push({ severity: filter.severity });
  if (filter.source) conditions.push({ source: filter.source });
  if (isGiven(filter.buildingId)) conditions.push({ buildingId: requireId(filter.buildingId, 'filter.buildingId') });
  if (filter.reportedFrom) conditions.push({ reportedAt: { $gte: filter.reportedFrom } });
  if (filter.reportedTo) conditions.push({ reportedAt: { $lt: filter.reportedTo } });
  if (filter.textContains) {
    const pattern = containsPattern(filter.textContains);
    conditions.push({ $or: [{ title: { $ilike: pattern } }, { description: { $ilike: pattern }, category: { $in: descriptionReadableCategories(ctx) } }] });
  }
  return conditions.length ? { $and: conditions } : {};
}
