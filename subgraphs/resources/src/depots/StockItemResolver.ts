import { byId, connectionType, PageArgs, PageSized, paginate, Parent, type RequestContext, requireId } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import { Depot } from './Depot.js';
import { isExpired } from './expiry.js';
import { StockItem } from './StockItem.js';
import { StockItemFilter, stockItemWhere } from './StockItemFilter.js';

const StockItemConnection = connectionType(StockItem, 'StockItem');

@Resolver(() => StockItem)
export class StockItemResolver {
  @PageSized()
  @Query(() => StockItemConnection, { nullable: true, description: 'Stock held in depots the caller may see, in id order.' })
  stockItems(
    @Args() page: PageArgs,
    @Arg('filter', () => StockItemFilter, { nullable: true }) filter: StockItemFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, StockItem, stockItemWhere(filter), page);
  }

  @Query(() => StockItem, { nullable: true, description: "One stock item; null when absent or outside the caller's jurisdiction." })
  stockItem(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return byId(ctx, StockItem).load(requireId(id, 'id'));
  }

  @FieldResolver(() => Boolean, { description: 'Past its last usable day; expired stock cannot be dispatched.' })
  expired(@Parent() stockItem: StockItem): boolean {
    return isExpired(stockItem.expiresAt, new Date());
  }

  @FieldResolver(() => Depot)
  depot(@Parent() stockItem: StockItem, @Ctx() ctx: RequestContext) {
    return byId(ctx, Depot).load(stockItem.depotId);
  }
}
