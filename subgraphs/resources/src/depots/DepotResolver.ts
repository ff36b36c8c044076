import { byId, childrenOf, connectionType, ListSized, PageArgs, PageSized, paginate, Parent, type RequestContext, requireId } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import { Depot } from './Depot.js';
import { DepotFilter, depotWhere } from './DepotFilter.js';
import { StockItem } from './StockItem.js';

const DepotConnection = connectionType(Depot, 'Depot');

@Resolver(() => Depot)
export class DepotResolver {
  @PageSized()
  @Query(() => DepotConnection, { nullable: true, description: 'Reserve depots the caller may see, in id order.' })
  depots(
    @Args() page: PageArgs,
    @Arg('filter', () => DepotFilter, { nullable: true }) filter: DepotFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, Depot, depotWhere(filter), page);
  }

  @Query(() => Depot, { nullable: true, description: 'One depot; null when absent or outside the caller\'s jurisdiction.' })
  depot(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return byId(ctx, Depot).load(requireId(id, 'id'));
  }

  @ListSized(100)
  @FieldResolver(() => [StockItem], { description: 'Everything the depot holds, in id order.' })
  stock(@Parent() depot: Depot, @Ctx() ctx: RequestContext) {
    return childrenOf<StockItem, number>(ctx, StockItem, 'depotId').load(depot.id);
  }
}
