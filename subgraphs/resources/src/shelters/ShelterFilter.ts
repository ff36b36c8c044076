import { raw, type FilterQuery } from '@mikro-orm/core';
import { Field, InputType } from 'type-graphql';
import { gridPrefixCondition, isGiven } from '@civic/subgraph-kit';
import type { Shelter } from './Shelter.js';

@InputType({ description: 'Narrows a list of shelters; all given conditions must hold.' })
export class ShelterFilter {
  @Field(() => String, { nullable: true, description: 'Only shelters whose grid code starts with this.' })
  gridCodePrefix?: string;

  @Field(() => Boolean, { nullable: true, description: 'true: only shelters with room for one more person; false: only full ones.' })
  hasSpace?: boolean;
}

export function shelterWhere(filter: ShelterFilter | undefined): FilterQuery<Shelter> {
  if (!filter) return {};
  const conditions: FilterQuery<Shelter>[] = [];
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  if (isGiven(filter.hasSpace)) conditions.push({ occupancy: filter.hasSpace ? { $lt: raw('capacity') } : { $gte: raw('capacity') } });
  return conditions.length ? { $and: conditions } : {};
}
