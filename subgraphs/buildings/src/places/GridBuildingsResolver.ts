import { PageArgs, PageSized, paginate, Parent, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, Resolver } from 'type-graphql';
import { Building } from '../buildings/Building.js';
import { BuildingFilter, buildingWhere } from '../buildings/BuildingFilter.js';
import { BuildingConnection } from '../buildings/BuildingResolver.js';
import { GridRef } from './GridRef.js';

@Resolver(() => GridRef)
export class GridBuildingsResolver {
  @PageSized()
  @FieldResolver(() => BuildingConnection, { nullable: true, description: 'Buildings standing in this grid, in id order; null when the buildings service cannot answer.' })
  buildings(
    @Parent() grid: GridRef,
    @Args() page: PageArgs,
    @Arg('filter', () => BuildingFilter, { nullable: true }) filter: BuildingFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, Building, { $and: [{ gridCode: grid.code }, buildingWhere(ctx.em, filter)] }, page);
  }
}
