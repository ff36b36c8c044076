import { type HazardStatus as HazardStatusValue } from '../vocabulary.js';
import { byId, childrenOf, connectionType, ListSized, PageArgs, PageSized, paginate, Parent, type RequestContext, requireId } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import { HazardStatus } from '../hazards/enums.js';
import { Hazard } from '../hazards/Hazard.js';
import { Inspection } from '../inspections/Inspection.js';
import { Building } from './Building.js';
import { BuildingFilter, buildingWhere } from './BuildingFilter.js';

export const BuildingConnection = connectionType(Building, 'Building');

@Resolver(() => Building)
export class BuildingResolver {
  @PageSized()
  @Query(() => BuildingConnection, { nullable: true, description: 'Buildings the caller may see, in id order.' })
  buildings(
    @Args() page: PageArgs,
    @Arg('filter', () => BuildingFilter, { nullable: true }) filter: BuildingFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, Building, buildingWhere(ctx.em, filter), page);
  }

  @Query(() => Building, { nullable: true, description: 'One building; null when absent or outside the caller\'s jurisdiction.' })
  building(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return byId(ctx, Building).load(requireId(id, 'id'));
  }

  @ListSized(10)
  @FieldResolver(() => [Hazard], { description: 'Hazards found in this building, in the order they were recorded.' })
  hazards(
    @Parent() building: Building,
    @Arg('status', () => [HazardStatus], { nullable: true, description: 'Only hazards in one of these statuses.' })
    status: HazardStatusValue[] | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    // One loader per distinct status set, so buildings asking for the same statuses share one statement.
    const statuses = status ? [...new Set(status)].sort() : undefined;
    const where = statuses ? { status: { $in: statuses } } : {};
    const cacheKey = statuses ? `status:${statuses.join(',')}` : 'all';
    return childrenOf<Hazard, number>(ctx, Hazard, 'buildingId', where, cacheKey).load(building.id);
  }

  @ListSized(20)
  @FieldResolver(() => [Inspection], { description: 'Inspections of this building, in the order they were recorded.' })
  inspections(@Parent() building: Building, @Ctx() ctx: RequestContext) {
    return childrenOf<Inspection, number>(ctx, Inspection, 'buildingId').load(building.id);
  }
}
