import type { FilterQuery } from '@mikro-orm/core';
import { Field, InputType } from 'type-graphql';
import { gridPrefixCondition, isGiven } from '@civic/subgraph-kit';
import type { Depot } from './Depot.js';

@InputType({ description: 'Narrows a list of depots.' })
export class DepotFilter {
  @Field(() => String, { nullable: true, description: 'Only depots whose grid code starts with this.' })
  gridCodePrefix?: string;
}

export function depotWhere(filter: DepotFilter | undefined): FilterQuery<Depot> {
  return isGiven(filter?.gridCodePrefix) ? { gridCode: gridPrefixCondition(filter.gridCodePrefix) } : {};
}
