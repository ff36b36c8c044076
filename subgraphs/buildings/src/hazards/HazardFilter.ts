import { type HazardCategory as HazardCategoryValue, type HazardStatus as HazardStatusValue } from '../vocabulary.js';
import { badUserInput } from '@civic/runtime';
import { gridPrefixCondition, isGiven, type Severity as SeverityValue } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, GraphQLISODateTime, InputType } from 'type-graphql';
import { HazardCategory, HazardStatus, Severity } from './enums.js';
import type { Hazard } from './Hazard.js';

@InputType({ description: 'Narrows a list of hazards; all given conditions must hold.' })
export class HazardFilter {
  @Field(() => String, { nullable: true, description: 'Only hazards whose grid code starts with this (a district, street, community or grid code).' })
  gridCodePrefix?: string;

  @Field(() => HazardCategory, { nullable: true })
  category?: HazardCategoryValue;

  @Field(() => Severity, { nullable: true })
  severity?: SeverityValue;

  @Field(() => [HazardStatus], { nullable: true, description: 'Only hazards in one of these statuses.' })
  status?: HazardStatusValue[];

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Reported at or after this instant.' })
  reportedFrom?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Reported before this instant (exclusive, so consecutive ranges do not overlap).' })
  reportedTo?: Date;
}

export function hazardWhere(filter: HazardFilter | undefined): FilterQuery<Hazard> {
  if (!filter) return {};
  const conditions: FilterQuery<Hazard>[] = [];
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  if (filter.category) conditions.push({ category: filter.category });
  if (filter.severity) conditions.push({ severity: filter.severity });
  if (isGiven(filter.status)) conditions.push({ status: { $in: filter.status } });
  if (isGiven(filter.reportedFrom) && isGiven(filter.reportedTo) && filter.reportedTo < filter.reportedFrom) {
    throw badUserInput('filter.reportedTo', 'must not be before filter.reportedFrom');
  }
  if (isGiven(filter.reportedFrom)) conditions.push({ reportedAt: { $gte: filter.reportedFrom } });
  if (isGiven(filter.reportedTo)) conditions.push({ reportedAt: { $lt: filter.reportedTo } });
  return conditions.length ? { $and: conditions } : {};
}
