import { byId, connectionType, PageArgs, PageSized, paginate, Parent, type RequestContext, requireId } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import { StockItem } from '../depots/StockItem.js';
import { IncidentRef } from '../incidents/IncidentRef.js';
import { RescueTeam } from '../teams/RescueTeam.js';
import { Dispatch } from './Dispatch.js';
import { DispatchFilter, dispatchWhere } from './DispatchFilter.js';

const DispatchConnection = connectionType(Dispatch, 'Dispatch');

@Resolver(() => Dispatch)
export class DispatchResolver {
  @PageSized()
  @Query(() => DispatchConnection, { nullable: true, description: 'Dispatches the caller may see, in id order.' })
  dispatches(
    @Args() page: PageArgs,
    @Arg('filter', () => DispatchFilter, { nullable: true }) filter: DispatchFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, Dispatch, dispatchWhere(filter), page);
  }

  @Query(() => Dispatch, { nullable: true, description: 'One dispatch; null when absent or outside the caller\'s jurisdiction.' })
  dispatch(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return byId(ctx, Dispatch).load(requireId(id, 'id'));
  }

  @FieldResolver(() => IncidentRef, { nullable: true, description: 'The incident this dispatch serves; null when the incidents service cannot answer or the caller may not see it.' })
  incident(@Parent() dispatch: Dispatch): IncidentRef {
    return IncidentRef.of(dispatch.incidentId);
  }

  @FieldResolver(() => RescueTeam, { nullable: true, description: 'The team sent; null for supplies.' })
  team(@Parent() dispatch: Dispatch, @Ctx() ctx: RequestContext) {
    return dispatch.teamId === null ? null : byId(ctx, RescueTeam).load(dispatch.teamId);
  }

  @FieldResolver(() => StockItem, { nullable: true, description: 'The stock the supplies came from; null for a team.' })
  stockItem(@Parent() dispatch: Dispatch, @Ctx() ctx: RequestContext) {
    return dispatch.stockItemId === null ? null : byId(ctx, StockItem).load(dispatch.stockItemId);
  }
}
