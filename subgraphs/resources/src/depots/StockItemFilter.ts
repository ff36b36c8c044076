import { requireId, requireIsoDate, gridPrefixCondition, isGiven, literalPattern } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, ID, InputType } from 'type-graphql';
import type { StockItem } from './StockItem.js';

@InputType({ description: 'Narrows a list of stock items; all given conditions must hold.' })
export class StockItemFilter {
  @Field(() => String, { nullable: true, description: 'Only stock whose depot\'s grid code starts with this.' })
  gridCodePrefix?: string;

  @Field(() => String, { nullable: true, description: 'The item name, case-insensitive, e.g. "sandbags".' })
  item?: string;

  @Field(() => String, { nullable: true, description: 'Only stock that expires before this day (YYYY-MM-DD); stock that keeps never matches.' })
  expiringBefore?: string;

  @Field(() => ID, { nullable: true })
  depotId?: string;
}

export function stockItemWhere(filter: StockItemFilter | undefined): FilterQuery<StockItem> {
  if (!filter) return {};
  const conditions: FilterQuery<StockItem>[] = [];
  if (isGiven(filter.gridCodePrefix)) conditions.push({ gridCode: gridPrefixCondition(filter.gridCodePrefix) });
  if (filter.item) conditions.push({ item: { $ilike: literalPattern(filter.item.trim()) } });
  if (isGiven(filter.expiringBefore)) conditions.push({ expiresAt: { $lt: requireIsoDate(filter.expiringBefore, 'filter.expiringBefore') } });
  if (isGiven(filter.depotId)) conditions.push({ depotId: requireId(filter.depotId, 'filter.depotId') });
  return conditions.length ? { $and: conditions } : {};
}
